package io.vigie.ingest.source;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cursor of each source instance, and which instances this process polls. This base keeps cursors in memory and
 * polls everything (unit tests, a single process); the running service uses
 * {@link io.vigie.ingest.cursor.KafkaSourceCursors}, which stores them in the compacted {@code source-cursors} topic
 * and shares the instances between ingest processes.
 */
public class SourceCursors {

    private final Map<String, SourceCursor> cursors = new ConcurrentHashMap<>();

    public SourceCursor get(SourceInstance instance) {
        return cursors.getOrDefault(instance.id(), SourceCursor.NONE);
    }

    /** Called only once every mention fetched up to {@code cursor} is acknowledged by Kafka. */
    public void advance(SourceInstance instance, SourceCursor cursor) {
        cursors.put(instance.id(), cursor);
    }

    /** @return whether this process polls the instance (and its cursor is loaded) */
    public boolean owns(SourceInstance instance) {
        return true;
    }
}
