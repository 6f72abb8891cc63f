package io.vigie.alert.stream;

import io.vigie.alert.window.MentionSignal;
import io.vigie.alert.window.SignalBatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups signals by watch and slice of publication time until they are taken: the batching of {@link SignalCombiner},
 * apart from Kafka Streams. Not thread-safe (one per task).
 */
final class SignalBatcher {

    /** A batch ready to send: the watch, its signals, and the latest publication time among them (its timestamp). */
    record Ready(String watch, SignalBatch batch, long timestamp) {
    }

    private record Slice(String watch, long start) {
    }

    private static final class Pending {
        final List<MentionSignal> signals = new ArrayList<>();
        long latestTimestamp = Long.MIN_VALUE;
    }

    private final long sliceMillis;
    private final int maxBatch;
    private final int maxPending;
    /** In the order each watch's slice got its first signal, so a watch's batches leave in the order they began. */
    private final Map<Slice, Pending> pending = new LinkedHashMap<>();
    private int pendingSignals;

    /**
     * @param slice      the length of a slice of publication time; it must divide every window size, so a slice lies
     *                   inside one window of each size and its batch is counted in the right windows
     * @param maxBatch   signals in one batch at most (bounds a record of the repartition topic)
     * @param maxPending signals held at most, all watches together, before everything must be taken
     */
    SignalBatcher(Duration slice, int maxBatch, int maxPending) {
        if (slice.toMillis() <= 0 || maxBatch < 1 || maxPending < maxBatch) {
            throw new IllegalArgumentException("bad batching: slice " + slice + ", batch " + maxBatch + ", pending "
                    + maxPending);
        }
        this.sliceMillis = slice.toMillis();
        this.maxBatch = maxBatch;
        this.maxPending = maxPending;
    }

    /** Adds a signal published at {@code timestamp}; returns its batch when that is now full (taken), else null. */
    Ready add(String watch, MentionSignal signal, long timestamp) {
        Slice slice = new Slice(watch, Math.floorDiv(timestamp, sliceMillis) * sliceMillis);
        Pending batch = pending.computeIfAbsent(slice, s -> new Pending());
        batch.signals.add(signal);
        batch.latestTimestamp = Math.max(batch.latestTimestamp, timestamp);
        pendingSignals++;
        if (batch.signals.size() < maxBatch) {
            return null;
        }
        pending.remove(slice);
        pendingSignals -= batch.signals.size();
        return ready(slice, batch);
    }

    /** Whether so many signals are pending that everything should be taken now. */
    boolean full() {
        return pendingSignals >= maxPending;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Takes every pending batch. */
    List<Ready> takeAll() {
        List<Ready> ready = new ArrayList<>(pending.size());
        pending.forEach((slice, batch) -> ready.add(ready(slice, batch)));
        pending.clear();
        pendingSignals = 0;
        return ready;
    }

    private static Ready ready(Slice slice, Pending batch) {
        return new Ready(slice.watch(), new SignalBatch(batch.signals), batch.latestTimestamp);
    }
}
