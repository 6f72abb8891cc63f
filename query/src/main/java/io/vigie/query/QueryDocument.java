package io.vigie.query;

/**
 * What a query is matched against: the parts of a mention the query language can reach. Any part may be null.
 *
 * @param title        title, if the source has one
 * @param text         body text, plain (HTML already stripped)
 * @param authorName   author's display name
 * @param authorHandle author's handle or login
 * @param language     language code ("fr", "en", ...)
 * @param sourceName   name of the source ("Hacker News", "r/france", ...)
 */
public record QueryDocument(String title, String text, String authorName, String authorHandle, String language,
                            String sourceName) {

    public static QueryDocument of(String title, String text, String authorName, String authorHandle,
                                   String language, String sourceName) {
        return new QueryDocument(title, text, authorName, authorHandle, language, sourceName);
    }

    /** A document with only a body text (the "test a query against sample text" case). */
    public static QueryDocument ofText(String text) {
        return new QueryDocument(null, text, null, null, null, null);
    }

    /**
     * Splits the document into folded words once, so that many queries (one per watch) can be matched against it
     * without tokenising it again.
     */
    public PreparedDocument prepare() {
        return new PreparedDocument(this);
    }
}
