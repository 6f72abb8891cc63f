package io.vigie.ingest.source;

/**
 * One thing a connector polls.
 *
 * @param id     unique among all sources, e.g. {@code rss:https://example.org/feed.xml} or {@code demo}
 * @param type   the connector's type
 * @param target what is polled, for people (URL, subreddit, dataset)
 */
public record SourceInstance(String id, String type, String target) {

    public static SourceInstance of(String type, String target) {
        return new SourceInstance(type + ":" + target, type, target);
    }
}
