package io.vigie.alert.incident;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@link IncidentChanged#sequence()} read per writing replica run and partition: tells the next record from a
 * hole (a record lost before it reached the topic) and from one already read. Not thread-safe: one reader thread.
 */
final class ChangeSequences {

    /** Replica runs remembered at most; a forgotten run's next record is taken as its first. */
    static final int MAX_TRACKED = 4096;

    enum Verdict {
        /** The next one, or the first seen from that run on that partition. */
        NEXT,
        /** Records of that run went missing before this one. */
        AFTER_GAP,
        /** Already read. */
        SEEN
    }

    private record Key(String origin, int partition) {
    }

    private final Map<Key, Long> last = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    Verdict read(String origin, int partition, long sequence) {
        Key key = new Key(origin, partition);
        Long previous = last.get(key);
        if (previous != null && sequence <= previous) {
            return Verdict.SEEN;
        }
        last.put(key, sequence);
        return previous == null || sequence == previous + 1 ? Verdict.NEXT : Verdict.AFTER_GAP;
    }

    /** The partition is read again from elsewhere (its end): what follows is not a hole. */
    void forget(int partition) {
        last.keySet().removeIf(key -> key.partition() == partition);
    }
}
