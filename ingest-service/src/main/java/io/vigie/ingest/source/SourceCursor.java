package io.vigie.ingest.source;

import java.util.Map;

/**
 * How far a source instance has been read, in the connector's own terms (HTTP validators for a feed, the last
 * post id for an API). A flat string map so it can later be stored as-is in a compacted Kafka topic.
 */
public record SourceCursor(Map<String, String> values) {

    public static final SourceCursor NONE = new SourceCursor(Map.of());

    public SourceCursor {
        values = Map.copyOf(values);
    }

    /** @return the value, or null when absent */
    public String get(String key) {
        return values.get(key);
    }
}
