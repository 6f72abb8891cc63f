package io.vigie.sentiment.correction;

/** No mention with this id is indexed (yet): it may still be on its way through the pipeline. */
public class MentionNotFoundException extends RuntimeException {

    public MentionNotFoundException(String id) {
        super("no mention with id '" + id + "' is indexed; check the id (as returned by GET /api/mentions), "
                + "or retry if it was published a moment ago");
    }
}
