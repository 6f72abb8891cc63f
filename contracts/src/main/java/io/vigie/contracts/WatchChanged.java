package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A watch was created, updated, paused or deleted. Published on the compacted {@code watch-changed} topic keyed by
 * watch id, so the topic itself is the list of watches: a service reads it from the start to know every watch.
 *
 * @param schemaVersion version of this event's schema ({@link #SCHEMA_VERSION})
 * @param watchId       the watch
 * @param watch         its definition after the change; null when it was deleted (the record is then a tombstone's
 *                      companion: the producer also sends a null value so compaction forgets the watch)
 * @param changedAt     when
 * @param changedBy     who (the {@code X-Vigie-User} the gateway sets, {@code anonymous} until authentication exists)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WatchChanged(int schemaVersion, String watchId, WatchDefinition watch, Instant changedAt,
                           String changedBy) {

    public static final int SCHEMA_VERSION = 1;

    public boolean deleted() {
        return watch == null;
    }
}
