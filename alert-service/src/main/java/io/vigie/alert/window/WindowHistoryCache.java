package io.vigie.alert.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The recent window history of the watches a stream task evaluates most, so that each update of a window does not
 * read and parse 14 days of tallies from the window store again (that parsing was most of the evaluation's cost).
 * Every update of the window store passes through the evaluating processor, which tells the cache with
 * {@link #updated}: the cache never disagrees with the store. Least recently used watches are dropped beyond
 * {@code maxWatches}; one thread only (a stream task).
 */
public final class WindowHistoryCache {

    /** Reads the windows of a watch that started in [from, to) from the store, oldest first. */
    public interface Loader extends BiFunction<Instant, Instant, List<WindowStats>> {
    }

    private final Duration retention;
    private final Map<String, Entry> entries;

    public WindowHistoryCache(Duration retention, int maxWatches) {
        this.retention = retention;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxWatches;
            }
        };
    }

    /** The windows of {@code watch} that started within the retention before {@code start}, oldest first. */
    public List<WindowStats> before(String watch, Instant start, Loader loader) {
        Instant from = start.minus(retention);
        Entry entry = entries.get(watch);
        if (entry == null) {
            entry = new Entry(new TreeMap<>(), from, from);
            entries.put(watch, entry);
        }
        if (from.isBefore(entry.from)) {
            // An older window than any cached one: reload the watch.
            entry.windows.clear();
            entry.from = from;
            entry.upTo = from;
        }
        if (start.isAfter(entry.upTo)) {
            Instant loadFrom = entry.upTo.isBefore(from) ? from : entry.upTo;
            for (WindowStats window : loader.apply(loadFrom, start)) {
                entry.windows.put(window.windowStart(), window);
            }
            entry.upTo = start;
        }
        entry.windows.headMap(from).clear();
        entry.from = from;
        return new ArrayList<>(entry.windows.subMap(from, true, start, false).values());
    }

    /** A window of the watch changed in the store: keep the cached copy equal to it. */
    public void updated(String watch, WindowStats window) {
        Entry entry = entries.get(watch);
        if (entry != null && window.windowStart().isBefore(entry.upTo) && !window.windowStart().isBefore(entry.from)) {
            entry.windows.put(window.windowStart(), window);
        }
    }

    public void forget(String watch) {
        entries.remove(watch);
    }

    private static final class Entry {
        final NavigableMap<Instant, WindowStats> windows;
        Instant from;
        Instant upTo;

        Entry(NavigableMap<Instant, WindowStats> windows, Instant from, Instant upTo) {
            this.windows = windows;
            this.from = from;
            this.upTo = upTo;
        }
    }
}
