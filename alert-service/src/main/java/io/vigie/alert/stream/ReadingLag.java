package io.vigie.alert.stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * How far behind each stream thread reads {@code mention-scored}: the wall clock when the thread takes a record, minus
 * the record's Kafka timestamp (when sentiment-service produced it). A stream that keeps up reads a record within
 * a fetch wait of its production; one that reads records produced seconds ago is working through a backlog, where
 * committing early for latency only slows the catch-up that latency waits on (ADR 0035).
 *
 * <p>Written by {@link io.vigie.alert.window.MentionTimestampExtractor} as records are taken, read by
 * {@link LiveCommits} on the same thread, both places of the topology together. A thread found behind says so in the
 * log (at most once a minute), and again when it keeps up: ops see why live alerts are slower meanwhile. The same
 * readings are gauges for monitoring ({@link ReadingLagMetrics}), read from the scraping thread.
 */
public final class ReadingLag {

    private static final Logger log = LoggerFactory.getLogger(ReadingLag.class);
    private static final long NEVER = Long.MIN_VALUE;
    private static final long REPORT_EVERY_MILLIS = 60_000;

    /** One stream thread's reading. */
    private static final class Reading {
        /**
         * When the thread last took a record (wall clock), and how old that record was then. Volatile for the gauges'
         * thread; {@code lag} is written first, so a reader that sees a {@code takenAt} sees its lag or a newer one.
         */
        volatile long takenAt = NEVER;
        volatile long lag;
        /** When the thread was last said to be behind, and whether it was the last thing said of it. */
        long saidBehindAt;
        boolean saidBehind;

        boolean behind(long now, long maxLagMillis) {
            long taken = takenAt;
            return taken != NEVER && now - taken <= maxLagMillis && lag > maxLagMillis;
        }
    }

    private final PerThreadState<Reading> readings = new PerThreadState<>(Reading::new);
    private final Consumer<String> report;

    public ReadingLag() {
        this(log::info);
    }

    /** @param report where the thread's falling behind and catching up are said (the log) */
    ReadingLag(Consumer<String> report) {
        this.report = report;
    }

    /** The current thread took a record of {@code mention-scored} produced at {@code producedAt}. */
    public void taken(long producedAt, long now) {
        Reading reading = readings.get();
        reading.lag = now - producedAt;
        reading.takenAt = now;
    }

    /**
     * Whether the current thread reads more than {@code maxLagMillis} behind: the last record it took was that old
     * when taken, and taken within that same time (a thread that has taken nothing since is not working through a
     * backlog any more, whatever its last record said).
     */
    boolean behind(long now, long maxLagMillis) {
        Reading reading = readings.get();
        boolean behind = reading.behind(now, maxLagMillis);
        if (behind && !reading.saidBehind && now - reading.saidBehindAt >= REPORT_EVERY_MILLIS) {
            reading.saidBehindAt = now;
            reading.saidBehind = true;
            report.accept(String.format(Locale.ROOT, "Stream thread %s reads mention-scored %.1f s behind (more than "
                            + "vigie.alert.window.live-commit-max-lag, %d ms): live mentions wait for the commit "
                            + "interval until it has caught up, which it does faster so (ADR 0035)",
                    Thread.currentThread().getName(), reading.lag / 1000.0, maxLagMillis));
        } else if (!behind && reading.saidBehind) {
            reading.saidBehind = false;
            report.accept("Stream thread " + Thread.currentThread().getName()
                    + " keeps up with mention-scored again: live mentions commit at once");
        }
        return behind;
    }

    /**
     * How far behind the furthest-behind thread reads, in milliseconds: the age of the last record each thread took,
     * among the threads that took one within {@code recentMillis} (0 when none did). A thread idle for longer has no
     * backlog to report; one that stopped taking records while they pile up shows in Kafka's consumer lag instead.
     */
    long furthestBehindMillis(long now, long recentMillis) {
        long furthest = 0;
        for (Reading reading : readings.values()) {
            long takenAt = reading.takenAt;
            if (takenAt != NEVER && now - takenAt <= recentMillis) {
                furthest = Math.max(furthest, reading.lag);
            }
        }
        return furthest;
    }

    /** How many threads are behind now, as {@link #behind} judges (and without saying so in the log). */
    int threadsBehind(long now, long maxLagMillis) {
        int behind = 0;
        for (Reading reading : readings.values()) {
            if (reading.behind(now, maxLagMillis)) {
                behind++;
            }
        }
        return behind;
    }
}
