package io.vigie.ingest.source;

import java.time.Duration;

/**
 * One thing a connector polls.
 *
 * @param id           unique among all sources, e.g. {@code rss:https://example.org/feed.xml} or {@code demo}
 * @param type         the connector's type
 * @param target       what is polled, for people (URL, subreddit, dataset)
 * @param pollInterval time between two polls: the shortest any watch it serves asks for; null for the connector's
 *                     default
 */
public record SourceInstance(String id, String type, String target, Duration pollInterval) {

    /** An instance polled at its connector's default interval. */
    public SourceInstance(String id, String type, String target) {
        this(id, type, target, null);
    }

    public static SourceInstance of(String type, String target) {
        return of(type, target, null);
    }

    public static SourceInstance of(String type, String target, Duration pollInterval) {
        return new SourceInstance(type + ":" + target, type, target, pollInterval);
    }

    /**
     * The same instance serving one more watch, which asks for {@code other}'s interval: an instance shared by
     * several watches is polled as often as the most eager one wants.
     */
    public SourceInstance sharedWith(SourceInstance other) {
        Duration shortest = shorter(pollInterval, other.pollInterval);
        return shortest == pollInterval ? this : new SourceInstance(id, type, target, shortest);
    }

    /** The shorter of two intervals, either of which may be null (not set). */
    public static Duration shorter(Duration one, Duration other) {
        if (one == null) {
            return other;
        }
        return other == null || one.compareTo(other) <= 0 ? one : other;
    }

    /** How long to wait between two polls of this instance. */
    public Duration pollIntervalOr(Duration connectorDefault) {
        return pollInterval == null ? connectorDefault : pollInterval;
    }
}
