package io.vigie.alert.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The recent window history of the watches a stream task evaluates most, so that each update of a window does not
 * read and parse 14 days of tallies from the window store again (that parsing was most of the evaluation's cost).
 * Every update of the window store passes through the evaluating processor, which tells the cache with
 * {@link #updated}: the cache never disagrees with the store. Least recently used watches are dropped beyond
 * {@code maxWatches}, or while the cached windows of all watches exceed {@code maxWindows}: an LRU smaller than the
 * set of watches a task cycles through misses on every access, so the bound is set by memory, not by a small count.
 * The breakdown maps of the windows (a few keys, the same few combinations over and over) are shared between windows
 * to keep the footprint small. One thread only (a stream task).
 */
public final class WindowHistoryCache {

    /** Reads the windows of a watch that started in [from, to) from the store, oldest first. */
    public interface Loader extends BiFunction<Instant, Instant, List<WindowStats>> {
    }

    /** Distinct breakdown maps kept for sharing; past this, the table is cleared (it only saves memory). */
    private static final int MAX_SHARED_MAPS = 4096;

    private final Duration retention;
    private final int maxWatches;
    private final long maxWindows;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<SharedKey, Map<String, Long>> sharedMaps = new HashMap<>();
    /** Counts up to this in every key make a map worth sharing (see {@link #share}). */
    static final long MAX_SHARED_COUNT = 16;
    private long windowCount;

    public WindowHistoryCache(Duration retention, int maxWatches) {
        this(retention, maxWatches, Long.MAX_VALUE);
    }

    public WindowHistoryCache(Duration retention, int maxWatches, long maxWindows) {
        this.retention = retention;
        this.maxWatches = maxWatches;
        this.maxWindows = maxWindows;
    }

    /** The windows of {@code watch} that started within the retention before {@code start}, oldest first. */
    public List<WindowStats> before(String watch, Instant start, Loader loader) {
        Instant from = start.minus(retention);
        Entry entry = entries.get(watch);
        if (entry == null) {
            entry = new Entry(from, from);
            entries.put(watch, entry);
        }
        if (from.isBefore(entry.from)) {
            if (entry.upTo.isAfter(entry.from) && !entry.from.isAfter(start)) {
                // An older window than the last one asked for (mentions reach a watch a little out of order): read
                // only the windows the cache lacks, not the whole history again.
                for (WindowStats window : loader.apply(from, entry.from)) {
                    put(entry, shared(window));
                }
            } else {
                windowCount -= entry.windows.size();
                entry.windows.clear();
                entry.upTo = from;
            }
            entry.from = from;
        }
        if (start.isAfter(entry.upTo)) {
            Instant loadFrom = entry.upTo.isBefore(from) ? from : entry.upTo;
            for (WindowStats window : loader.apply(loadFrom, start)) {
                put(entry, shared(window));
            }
            entry.upTo = start;
        }
        int expired = entry.indexOf(from);
        if (expired > 0) {
            entry.windows.subList(0, expired).clear();
            windowCount -= expired;
        }
        entry.from = from;
        // One array copy, immutable: the history keeps it as it is (a tree's sub-map view cost a walk to size it and
        // another to copy it, on every evaluation).
        List<WindowStats> result = List.copyOf(entry.windows.subList(0, entry.indexOf(start)));
        evict(entry);
        return result;
    }

    private void put(Entry entry, WindowStats window) {
        if (entry.put(window)) {
            windowCount++;
        }
    }

    /** Drops least recently used watches beyond the bounds, never {@code keep} (the one just asked for). */
    private void evict(Entry keep) {
        var eldest = entries.values().iterator();
        while ((entries.size() > maxWatches || windowCount > maxWindows) && eldest.hasNext()) {
            Entry entry = eldest.next();
            if (entry == keep) {
                continue;
            }
            windowCount -= entry.windows.size();
            eldest.remove();
        }
    }

    private WindowStats shared(WindowStats window) {
        Map<String, Long> bySource = share(window.bySource());
        Map<String, Long> byLanguage = share(window.byLanguage());
        if (bySource == window.bySource() && byLanguage == window.byLanguage()) {
            return window;
        }
        return new WindowStats(window.watchId(), window.windowStart(), window.windowEnd(), window.volume(),
                window.ratedCount(), window.negativeCount(), window.scoreSum(), window.sampleMentionIds(),
                window.distinctStories(), window.reachSum(), window.maxNegativeReach(), window.crisisTermHits(),
                bySource, byLanguage, window.topMentions());
    }

    /**
     * Only quiet windows' maps are shared: their few small counts repeat, while a busy window's counts rarely do.
     */
    /**
     * A breakdown map as a key of the sharing map, with a well-mixed hash: {@code Map.hashCode} sums key-count XORs,
     * so maps of the same keys with small counts collide (JFR: the look-ups were 8 % of a stream thread).
     */
    private record SharedKey(Map<String, Long> map, int hash) {
        SharedKey(Map<String, Long> map) {
            this(map, mixedHash(map));
        }

        private static int mixedHash(Map<String, Long> map) {
            long hash = 0;
            for (Map.Entry<String, Long> entry : map.entrySet()) {
                long h = entry.getKey().hashCode() * 0x9E3779B97F4A7C15L + entry.getValue();
                h ^= h >>> 33;
                h *= 0xff51afd7ed558ccdL;
                h ^= h >>> 33;
                hash += h;
            }
            return (int) (hash ^ (hash >>> 32));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SharedKey that && hash == that.hash && map.equals(that.map);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private Map<String, Long> share(Map<String, Long> map) {
        if (map.isEmpty() || map.values().stream().anyMatch(count -> count == null || count > MAX_SHARED_COUNT)) {
            return map;
        }
        SharedKey key = new SharedKey(map);
        Map<String, Long> known = sharedMaps.get(key);
        if (known != null) {
            return known;
        }
        if (sharedMaps.size() >= MAX_SHARED_MAPS) {
            sharedMaps.clear();
        }
        sharedMaps.put(key, map);
        return map;
    }

    /**
     * A window of the watch changed in the store: keep the cached copy equal to it. The window that starts where the
     * cached range ends extends the range to its end (windows are tumbling: no other one starts within it), so the
     * next window's evaluation need not read it back from the store.
     */
    public void updated(String watch, WindowStats window) {
        Entry entry = entries.get(watch);
        if (entry == null || window.windowStart().isBefore(entry.from)) {
            return;
        }
        if (window.windowStart().isBefore(entry.upTo)) {
            put(entry, shared(window));
        } else if (window.windowStart().equals(entry.upTo) && window.windowEnd().isAfter(entry.upTo)) {
            put(entry, shared(window));
            entry.upTo = window.windowEnd();
        }
    }

    public void forget(String watch) {
        Entry entry = entries.remove(watch);
        if (entry != null) {
            windowCount -= entry.windows.size();
        }
    }

    /** One watch's cached windows, sorted by start, one per start; new windows are almost always appended. */
    private static final class Entry {
        final ArrayList<WindowStats> windows = new ArrayList<>();
        Instant from;
        Instant upTo;

        Entry(Instant from, Instant upTo) {
            this.from = from;
            this.upTo = upTo;
        }

        /** Index of the first window that starts at or after {@code instant}. */
        int indexOf(Instant instant) {
            int low = 0;
            int high = windows.size();
            if (high > 0 && windows.get(high - 1).windowStart().isBefore(instant)) {
                return high;
            }
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (windows.get(middle).windowStart().isBefore(instant)) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /** @return whether the window is new (not a newer state of one already cached) */
        boolean put(WindowStats window) {
            int index = indexOf(window.windowStart());
            if (index < windows.size() && windows.get(index).windowStart().equals(window.windowStart())) {
                windows.set(index, window);
                return false;
            }
            windows.add(index, window);
            return true;
        }
    }
}
