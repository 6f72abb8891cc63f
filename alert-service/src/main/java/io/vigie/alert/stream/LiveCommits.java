package io.vigie.alert.stream;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.time.Duration;

/**
 * Passes records on unchanged and asks Kafka Streams to commit as soon as it can when one belongs to a window that can
 * still raise an alert (ADR 0031). Under exactly-once a mention's signals only reach the window stores once the
 * transaction that wrote them to the repartition topic commits, and a window update only reaches the detectors when
 * the next commit flushes the store caches: two commit intervals on the way of every live alert. A catch-up of past
 * days asks nothing and keeps the interval, which its throughput needs.
 *
 * <p>At most one request per {@code every} per stream thread and per place in the topology: a commit covers every task
 * of the thread, and a live stream of thousands of mentions a second would otherwise commit after each poll. None while
 * the thread reads {@code mention-scored} more than {@code maxLag} behind (ADR 0035): a live firehose the stream has
 * fallen behind on is caught up at the commit interval, which costs a commit a third as often (measured: 100 ms
 * commits cut the live throughput by about 40 %); once it keeps up again, its live mentions commit at once.
 */
final class LiveCommits<K, V> implements FixedKeyProcessorSupplier<K, V, V> {

    private static final long NEVER = Long.MIN_VALUE;

    private final long liveWithinMillis;
    private final long everyMillis;
    private final ReadingLag lag;
    private final long maxLagMillis;
    private final ThreadLocal<long[]> lastRequest = ThreadLocal.withInitial(() -> new long[] {NEVER});

    /**
     * @param liveWithin a record whose timestamp (event time) is at most this old on the wall clock is live
     * @param every      commits asked for at most this often on a thread; zero asks for none
     * @param lag        how far behind each thread reads {@code mention-scored}
     * @param maxLag     none asked for while the thread reads further behind than this
     */
    LiveCommits(Duration liveWithin, Duration every, ReadingLag lag, Duration maxLag) {
        if (liveWithin.isNegative() || every.isNegative() || maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("live commits need positive durations, were " + liveWithin + ", "
                    + every + " and " + maxLag);
        }
        this.liveWithinMillis = liveWithin.toMillis();
        this.everyMillis = every.toMillis();
        this.lag = lag;
        this.maxLagMillis = maxLag.toMillis();
    }

    /** Whether a record of this event time, seen now, should ask for a commit; remembers it asked. */
    boolean shouldRequest(long eventTime, long now) {
        if (everyMillis == 0 || eventTime < now - liveWithinMillis || lag.behind(now, maxLagMillis)) {
            return false;
        }
        long[] last = lastRequest.get();
        if (last[0] != NEVER && now - last[0] < everyMillis) {
            return false;
        }
        last[0] = now;
        return true;
    }

    @Override
    public FixedKeyProcessor<K, V, V> get() {
        return new FixedKeyProcessor<>() {

            private FixedKeyProcessorContext<K, V> context;

            @Override
            public void init(FixedKeyProcessorContext<K, V> context) {
                this.context = context;
            }

            @Override
            public void process(FixedKeyRecord<K, V> record) {
                if (shouldRequest(record.timestamp(), context.currentSystemTimeMs())) {
                    context.commit();
                }
                context.forward(record);
            }
        };
    }
}
