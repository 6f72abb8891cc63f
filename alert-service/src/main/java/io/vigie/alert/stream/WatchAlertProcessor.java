package io.vigie.alert.stream;

import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.AlertMemory;
import io.vigie.alert.detect.SilenceDetector;
import io.vigie.alert.detect.WatchProfiles;
import io.vigie.alert.detect.WindowHistory;
import io.vigie.alert.watch.SourceHeartbeats;
import io.vigie.alert.watch.WatchDirectory;
import io.vigie.alert.window.MentionTally;
import io.vigie.alert.window.WindowClosing;
import io.vigie.alert.window.WindowHistoryCache;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a watch's windows of one size against the watch's history (the earlier windows of the windowed
 * aggregation's store): each update while the window fills up, then once more as finished ({@code complete}, so
 * drop and silence judge it) when the watch's next window gets its first mention or, failing that, when the wall
 * clock passes its end. A wall-clock punctuation also judges the windows that got no mention at all, so silence is
 * seen when nothing comes. What the alerting remembers (newest window, the incident) lives in one store per watch
 * shared by every window size: several sizes feed one incident per episode. All stores have changelogs, so another
 * instance that takes over the watch's partition carries on.
 */
class WatchAlertProcessor implements Processor<Windowed<String>, MentionTally, String, AlertRaised> {

    static final String MEMORY_STORE = "watch-alert-memory";
    /**
     * Watches whose history is kept parsed in memory per task and window size. A task cycles through its watches, so
     * an LRU bound below their number misses on every update (64 made the bench's 200 watches reload and parse two
     * weeks of tallies per evaluation): the real bound is {@link #CACHED_WINDOWS}, about 250 bytes each.
     */
    static final int CACHED_WATCHES = 4096;
    /** Windows kept parsed per task and window size, all watches together: two weeks of 15-min windows of 75 watches. */
    static final long CACHED_WINDOWS = 100_000;
    /** Watches whose last evaluated history (and its baselines) is kept per task and window size. */
    static final int CACHED_HISTORIES = 256;

    /** Windows of a gap in the cached history read one by one rather than by a range read of the store. */
    static final int POINT_READS = 4;

    /** How long after a window's end (plus its size) its mentions count as a backlog: see {@link #isBacklog}. */
    static final Duration BACKLOG_AFTER = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(WatchAlertProcessor.class);

    private final Resolution resolution;
    private final Settings settings;
    private final WindowHistoryCache cache;
    /** The history each watch was last evaluated against, with the baselines it remembered. */
    private final Map<String, WindowHistory> histories = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WindowHistory> eldest) {
            return size() > CACHED_HISTORIES;
        }
    };
    private ProcessorContext<String, AlertRaised> context;
    private TimestampedWindowStore<String, MentionTally> tallies;
    private KeyValueStore<String, AlertMemory> memories;
    private KeyValueStore<String, WindowClosing> closings;

    WatchAlertProcessor(Resolution resolution, Settings settings) {
        this.resolution = resolution;
        this.settings = settings;
        this.cache = new WindowHistoryCache(settings.retention(), CACHED_WATCHES, CACHED_WINDOWS);
    }

    @Override
    public void init(ProcessorContext<String, AlertRaised> context) {
        this.context = context;
        this.tallies = context.getStateStore(resolution.talliesStore());
        this.memories = context.getStateStore(MEMORY_STORE);
        this.closings = context.getStateStore(resolution.closingStore());
        context.schedule(settings.closeCheck(), PunctuationType.WALL_CLOCK_TIME, this::closeByWallClock);
    }

    @Override
    public void process(Record<Windowed<String>, MentionTally> update) {
        if (update.key() == null || update.value() == null) {
            return;
        }
        String watch = update.key().key();
        Instant start = update.key().window().startTime();
        WindowStats current = WindowStats.of(watch, start, update.key().window().endTime(), update.value(),
                settings.samples());
        if (settings.watches().isDeleted(watch)) {
            cache.updated(watch, current.withoutSamples());
            return;
        }
        long now = context.currentSystemTimeMs();
        WindowClosing closing = closings.get(watch);
        if (closing == null) {
            closing = WindowClosing.opened(start, now);
        } else {
            if (start.isAfter(closing.openStart()) && !closing.isComplete(closing.openStart())) {
                // The watch's next window began: the one before is over. Unless it is a backlog's: the input
                // partitions are caught up on at their own pace, so more of its mentions may still be on their way
                // (a dense catch-up raised a per-source silence for every watch). Its volume is judged, not its
                // absences: drop and silence need a complete window.
                WindowStats finished = storedOrEmpty(watch, closing.openStart());
                evaluate(finished, !isBacklog(finished, now), update.timestamp());
                rememberStored(finished);
                closing = closing.completed(closing.openStart());
            }
            closing = closing.mentioned(start, now);
        }
        closings.put(watch, closing);
        // Catching up on a window long over, it is judged once, when the next window begins (its volume) or the wall
        // clock closes it (complete); judging each of its partial states too doubled the work of a catch-up.
        if (!isBacklog(current, now) || closing.isComplete(start)) {
            evaluate(current, false, update.timestamp());
        }
        // Told after the evaluations, which read the history before this window or an earlier one: the window is
        // then often next to the history they read, and the cache keeps it as the next window's history.
        cache.updated(watch, current.withoutSamples());
    }

    /**
     * The evaluation of a window read from the store read the history up to it: the cache keeps the window too (when
     * the store has it), so the next window's history need not read it back. Without this, once a quiet window left
     * a gap in a watch's history, every later window was read back from the store at the next one's evaluation.
     */
    private void rememberStored(WindowStats window) {
        if (window.volume() > 0) {
            cache.updated(window.watchId(), window.withoutSamples());
        }
    }

    /**
     * Judges as finished, for each watch of this task, the newest window whose end is {@code closeDelay} past:
     * with its mentions when it had any but no newer window began, empty when the watch got nothing. Costs one
     * read of the task's closing store per check and one evaluation per watch and window, not per check.
     */
    private void closeByWallClock(long now) {
        Instant closed = lastClosedStart(now);
        List<KeyValue<String, WindowClosing>> due = new ArrayList<>();
        try (KeyValueIterator<String, WindowClosing> all = closings.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null && !entry.value.isComplete(closed) && !entry.value.openStart().isAfter(closed)) {
                    due.add(entry);
                }
            });
        }
        for (KeyValue<String, WindowClosing> entry : due) {
            String watch = entry.key;
            WindowClosing closing = entry.value;
            if (settings.watches().isDeleted(watch)) {
                closings.delete(watch);
                memories.delete(watch);
                cache.forget(watch);
                histories.remove(watch);
                continue;
            }
            if (!settings.watches().isActive(watch)) {
                continue;
            }
            if (!closing.isComplete(closing.openStart())) {
                WindowStats finished = storedOrEmpty(watch, closing.openStart());
                evaluate(finished, true, now);
                rememberStored(finished);
                closing = closing.completed(closing.openStart());
            }
            if (closing.openStart().isBefore(closed)) {
                if (now - closing.lastMentionMillis() < resolution.size().toMillis()) {
                    // Mentions are arriving, but for older windows: the watch is catching up, not silent.
                    closings.put(watch, closing);
                    continue;
                }
                evaluate(WindowStats.empty(watch, closed, closed.plus(resolution.size())), true, now);
            }
            closings.put(watch, closing.completed(closed));
        }
    }

    /**
     * Whether a window ended so long ago (its size and an hour past its end, wall clock) that its mentions are a
     * backlog being caught up on, not news: a source polled late delivers minutes, not hours, after publication.
     */
    private boolean isBacklog(WindowStats window, long now) {
        return window.windowEnd().plus(resolution.size()).plus(BACKLOG_AFTER).toEpochMilli() < now;
    }

    /** Start of the newest window whose end is at least {@code closeDelay} before {@code now}. */
    private Instant lastClosedStart(long now) {
        long size = resolution.size().toMillis();
        long end = Math.floorDiv(now - settings.closeDelay().toMillis(), size) * size;
        return Instant.ofEpochMilli(end - size);
    }

    /** The window as stored, or an empty one (volume 0) when the store has none. */
    private WindowStats storedOrEmpty(String watch, Instant start) {
        MentionTally tally = null;
        ValueAndTimestamp<MentionTally> stored = tallies.fetch(watch, start.toEpochMilli());
        if (stored != null) {
            tally = stored.value();
        }
        Instant end = start.plus(resolution.size());
        return tally == null ? WindowStats.empty(watch, start, end)
                : WindowStats.of(watch, start, end, tally, settings.samples());
    }

    private void evaluate(WindowStats current, boolean complete, long timestamp) {
        String watch = current.watchId();
        AlertMemory stored = memories.get(watch);
        AlertMemory memory = stored == null ? AlertMemory.empty() : stored;
        if (!memory.isLive(current.windowStart(), current.length())) {
            // A late mention for an old window: the store already counts it for the baseline; nothing to evaluate.
            return;
        }
        List<WindowStats> windows = cache.before(watch, current.windowStart(),
                (from, to) -> earlierWindows(watch, from, to));
        WindowHistory previous = histories.get(watch);
        WindowHistory history;
        if (previous != null && previous.holdsSame(windows)) {
            // The window is evaluated again and its history has not changed: the baselines still hold.
            history = previous;
        } else {
            // Follows the watch's previous history: the baselines of the hours whose windows did not change (all but
            // one or two in a catch-up, one window after the other) carry over.
            history = new WindowHistory(windows, previous);
            histories.put(watch, history);
        }
        AlertEngine.Evaluation evaluation = settings.engine().evaluate(current, history, memory,
                settings.profiles().get(watch), complete);
        if (!evaluation.memory().equals(memory)) {
            memories.put(watch, evaluation.memory());
        }
        evaluation.alert().ifPresent(alert -> {
            AlertRaised sent = withSources(alert);
            log.info("Incident {} {} ({}, {} window): {}", sent.id(), sent.effectiveStatus(), sent.severity(),
                    resolution.size(), sent.summary());
            context.forward(new Record<>(watch, sent, timestamp));
        });
    }

    /** A silence alert says how the watch's sources did: polling fine with nothing found, or failing. */
    private AlertRaised withSources(AlertRaised alert) {
        SourceHeartbeats sources = settings.sources();
        if (sources == null || alert.status() == AlertStatus.RESOLVED || alert.summary() == null
                || !(SilenceDetector.NAME.equals(alert.detector()) || alert.summary().startsWith("Silence:")
                || alert.summary().contains(SilenceDetector.NAME + " ("))) {
            return alert;
        }
        String facts = sources.describe(alert.watchId());
        return facts.isEmpty() ? alert : new AlertRaised(alert.schemaVersion(), alert.id(), alert.watchId(),
                alert.detector(), alert.severity(), alert.metric(), alert.observed(), alert.expected(),
                alert.windowStart(), alert.windowEnd(), alert.raisedAt(), alert.summary() + " " + facts,
                alert.mentionIds(), alert.status(), alert.episodeStart(), alert.anomalyScore(), alert.topMentions(),
                alert.breakdown());
    }

    private List<WindowStats> earlierWindows(String watch, Instant from, Instant to) {
        List<WindowStats> windows = new ArrayList<>();
        long size = resolution.size().toMillis();
        long fromMillis = from.toEpochMilli();
        long toMillis = to.toEpochMilli();
        if (fromMillis % size == 0 && toMillis % size == 0 && toMillis - fromMillis <= POINT_READS * size) {
            // A gap of a few windows (a quiet window between two with mentions, common in a sparse catch-up): reading
            // each possible window start (windows start at multiples of their size) costs less than a range read
            // (store iterators over the cache and the segments), and finds the same windows in the same order.
            for (long start = fromMillis; start < toMillis; start += size) {
                ValueAndTimestamp<MentionTally> stored = tallies.fetch(watch, start);
                if (stored != null && stored.value() != null) {
                    Instant at = Instant.ofEpochMilli(start);
                    windows.add(WindowStats.of(watch, at, at.plus(resolution.size()), stored.value(), 0));
                }
            }
            return windows;
        }
        try (WindowStoreIterator<ValueAndTimestamp<MentionTally>> stored =
                     tallies.fetch(watch, from, to.minusMillis(1))) {
            stored.forEachRemaining(entry -> {
                Instant start = Instant.ofEpochMilli(entry.key);
                windows.add(WindowStats.of(watch, start, start.plus(resolution.size()), entry.value.value(), 0));
            });
        }
        return windows;
    }

    /**
     * One window size and the names of its stores; the configured {@code vigie.alert.window.size} keeps the
     * original names, so its changelogs (the history) survive the upgrade.
     */
    record Resolution(Duration size, String talliesStore, String closingStore, String suffix) {

        static Resolution of(Duration size, boolean primary) {
            String suffix = primary ? "" : "-" + label(size);
            return new Resolution(size, AlertTopology.WINDOW_TALLIES_STORE + suffix, "watch-window-closing-" + label(size),
                    suffix);
        }

        private static String label(Duration size) {
            if (size.toSeconds() % 3600 == 0) {
                return size.toHours() + "h";
            }
            return size.toSeconds() % 60 == 0 ? size.toMinutes() + "m" : size.toSeconds() + "s";
        }
    }

    /** What every window size's processor shares. */
    record Settings(AlertEngine engine, WatchProfiles profiles, WatchDirectory watches, SourceHeartbeats sources,
                    Duration retention, int samples, Duration closeDelay, Duration closeCheck) {
    }

    /** Creates the processor and declares its stores, so the topology registers them with changelogs. */
    static class Supplier implements ProcessorSupplier<Windowed<String>, MentionTally, String, AlertRaised> {

        private final Resolution resolution;
        private final Settings settings;
        private final StoreBuilder<KeyValueStore<String, AlertMemory>> memory;

        /** @param memory the one builder of the memory store every window size's processor shares */
        Supplier(Resolution resolution, Settings settings, StoreBuilder<KeyValueStore<String, AlertMemory>> memory) {
            this.resolution = resolution;
            this.settings = settings;
            this.memory = memory;
        }

        static StoreBuilder<KeyValueStore<String, AlertMemory>> memoryStore() {
            // Cached: written on every window update, sent to RocksDB and the changelog once per key and commit.
            return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MEMORY_STORE),
                    Serdes.String(), new RememberingSerde<>(new AlertMemorySerde())).withCachingEnabled();
        }

        @Override
        public Processor<Windowed<String>, MentionTally, String, AlertRaised> get() {
            return new WatchAlertProcessor(resolution, settings);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(memory, Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(resolution.closingStore()),
                    Serdes.String(), new WindowClosingSerde()).withCachingEnabled());
        }
    }
}
