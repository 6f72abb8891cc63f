package io.vigie.alert.stream;

/**
 * How far behind each stream thread reads {@code mention-scored}: the wall clock when the thread takes a record, minus
 * the record's Kafka timestamp (when sentiment-service produced it). A stream that keeps up reads a record within
 * a fetch wait of its production; one that reads records produced seconds ago is working through a backlog, where
 * committing early for latency only slows the catch-up that latency waits on (ADR 0035).
 *
 * <p>Written by {@link io.vigie.alert.window.MentionTimestampExtractor} as records are taken, read by
 * {@link LiveCommits} on the same thread, both places of the topology together.
 */
public final class ReadingLag {

    private static final long NEVER = Long.MIN_VALUE;

    /** Per thread: when the last record was taken (wall clock) and how old it was then. */
    private final PerThreadState<long[]> lastTaken = new PerThreadState<>(() -> new long[] {NEVER, 0});

    /** The current thread took a record of {@code mention-scored} produced at {@code producedAt}. */
    public void taken(long producedAt, long now) {
        long[] last = lastTaken.get();
        last[0] = now;
        last[1] = now - producedAt;
    }

    /**
     * Whether the current thread reads more than {@code maxLagMillis} behind: the last record it took was that old
     * when taken, and taken within that same time (a thread that has taken nothing since is not working through a
     * backlog any more, whatever its last record said).
     */
    boolean behind(long now, long maxLagMillis) {
        long[] last = lastTaken.get();
        return last[0] != NEVER && now - last[0] <= maxLagMillis && last[1] > maxLagMillis;
    }
}
