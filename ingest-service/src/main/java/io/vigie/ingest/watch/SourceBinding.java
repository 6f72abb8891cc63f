package io.vigie.ingest.watch;

import io.vigie.contracts.WatchSource;

import java.time.Duration;

/**
 * One source of one watch: what a connector reads on behalf of that watch.
 *
 * @param watchId      the watch
 * @param source       the source type, its settings and credential reference
 * @param pollInterval how often the watch wants its sources polled; null for the connector's default
 */
public record SourceBinding(String watchId, WatchSource source, Duration pollInterval) {

    /** A binding polled at the connector's default interval. */
    public SourceBinding(String watchId, WatchSource source) {
        this(watchId, source, null);
    }

    /** The interval this watch asks for, or {@code connectorDefault} when it sets none. */
    public Duration pollIntervalOr(Duration connectorDefault) {
        return pollInterval == null ? connectorDefault : pollInterval;
    }
}
