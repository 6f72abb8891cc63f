package io.vigie.ingest.cursor;

import java.time.Instant;
import java.util.Map;

/**
 * The value of a {@code source-cursors} record (the key is the source instance id).
 *
 * @param sourceInstance the source instance id, repeated so the topic reads on its own
 * @param values         the connector's cursor
 * @param updatedAt      when it was stored
 */
public record StoredCursor(String sourceInstance, Map<String, String> values, Instant updatedAt) {
}
