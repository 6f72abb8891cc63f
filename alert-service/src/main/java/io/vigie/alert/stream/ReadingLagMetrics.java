package io.vigie.alert.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The stream threads' reading lag as gauges, so that ops can alert on a stream falling behind instead of reading the
 * log for it (ADR 0035): {@code vigie.alert.stream.reading.lag} (seconds, the furthest-behind thread) and
 * {@code vigie.alert.stream.threads.behind} (threads too far behind for early commits, whose live alerts wait for the
 * commit interval meanwhile). On {@code /actuator/prometheus} as {@code vigie_alert_stream_reading_lag_seconds} and
 * {@code vigie_alert_stream_threads_behind}.
 */
final class ReadingLagMetrics implements MeterBinder {

    /** A thread that took nothing for longer is idle, not behind. */
    static final Duration RECENT = Duration.ofMinutes(1);

    private final ReadingLag lag;
    private final long maxLagMillis;
    private final LongSupplier clock;

    ReadingLagMetrics(ReadingLag lag, Duration maxLag, LongSupplier clock) {
        this.lag = lag;
        this.maxLagMillis = maxLag.toMillis();
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("vigie.alert.stream.reading.lag",
                        () -> lag.furthestBehindMillis(clock.getAsLong(), RECENT.toMillis()) / 1000.0)
                .baseUnit("seconds")
                .description("How long before it was read the last mention-scored record of the furthest-behind "
                        + "stream thread was produced (threads that read one in the last minute)")
                .register(registry);
        Gauge.builder("vigie.alert.stream.threads.behind", () -> lag.threadsBehind(clock.getAsLong(), maxLagMillis))
                .description("Stream threads reading mention-scored more than vigie.alert.window.live-commit-max-lag "
                        + "behind: their live mentions wait for the commit interval until they catch up")
                .register(registry);
    }
}
