package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * A heartbeat after every poll of a source instance, so that silence and broken sources can be detected.
 * Keyed by source instance on the {@code source-polled} topic.
 *
 * @param schemaVersion  version of this event's schema ({@link #SCHEMA_VERSION})
 * @param sourceInstance unique id of what was polled, e.g. {@code reddit:r/france}
 * @param sourceType     connector type
 * @param watchIds       watches that read this instance
 * @param items          mentions fetched by this poll (before de-duplication and matching)
 * @param published      mentions published (new and matching at least one watch)
 * @param newestItemAt   publication time of the newest item seen; null when none
 * @param outcome        {@code ok}, {@code not-modified}, {@code rate-limited}, {@code error}, {@code circuit-open}
 * @param error          what went wrong, for people; null when ok
 * @param polledAt       when the poll ended
 * @param durationMillis how long it took
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourcePolled(int schemaVersion, String sourceInstance, String sourceType, List<String> watchIds,
                           int items, int published, Instant newestItemAt, String outcome, String error,
                           Instant polledAt, long durationMillis) {

    public static final int SCHEMA_VERSION = 1;

    public SourcePolled {
        watchIds = watchIds == null ? List.of() : List.copyOf(watchIds);
    }
}
