package io.vigie.ingest.publish;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently published mention ids, bounded (least recently seen evicted first), so the same post seen
 * twice while the process runs (two polls of a feed, two feeds) is published once. Duplicates across restarts or
 * beyond the capacity are harmless: the stable id makes them overwrite themselves downstream.
 */
public class RecentIds {

    private final Map<String, Boolean> ids;

    public RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("vigie.ingest.dedup.capacity must be at least 1, got " + capacity);
        }
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return true if the id was not remembered (and now is), false if it was seen recently */
    public synchronized boolean add(String id) {
        return ids.put(id, Boolean.TRUE) == null;
    }

    /** Forgets an id whose publication failed, so a later fetch can publish it. */
    public synchronized void forget(String id) {
        ids.remove(id);
    }

    public synchronized int size() {
        return ids.size();
    }
}
