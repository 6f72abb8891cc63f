package io.vigie.ingest.source;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cursor of each source instance. In memory for now, so a restart reads every source from its start again;
 * that is harmless because mention ids are stable and every write downstream is idempotent.
 */
@Component
public class SourceCursors {

    private final Map<String, SourceCursor> cursors = new ConcurrentHashMap<>();

    public SourceCursor get(SourceInstance instance) {
        return cursors.getOrDefault(instance.id(), SourceCursor.NONE);
    }

    /** Called only once every mention fetched up to {@code cursor} is acknowledged by Kafka. */
    public void advance(SourceInstance instance, SourceCursor cursor) {
        cursors.put(instance.id(), cursor);
    }
}
