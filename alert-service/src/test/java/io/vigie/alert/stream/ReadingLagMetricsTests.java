package io.vigie.alert.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The reading lag as gauges: what ops alert on when the stream falls behind (ADR 0035). */
class ReadingLagMetricsTests {

    private static final long NOW = Instant.parse("2026-11-29T10:00:00Z").toEpochMilli();

    private final ReadingLag lag = new ReadingLag(said -> { });
    private final AtomicLong clock = new AtomicLong(NOW);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    ReadingLagMetricsTests() {
        new ReadingLagMetrics(lag, Duration.ofSeconds(1), clock::get).bindTo(registry);
    }

    private double readingLagSeconds() {
        return registry.get("vigie.alert.stream.reading.lag").gauge().value();
    }

    private double threadsBehind() {
        return registry.get("vigie.alert.stream.threads.behind").gauge().value();
    }

    @Test
    void theGaugesShowTheFurthestBehindThreadAndHowManyAreBehind() throws Exception {
        assertThat(readingLagSeconds()).as("nothing read yet").isZero();
        assertThat(threadsBehind()).isZero();

        lag.taken(NOW - 200, NOW);
        CompletableFuture.runAsync(() -> lag.taken(NOW - 45_000, NOW)).get();
        assertThat(readingLagSeconds()).isEqualTo(45.0);
        assertThat(threadsBehind()).isEqualTo(1);

        CompletableFuture.runAsync(() -> lag.taken(NOW - 3_000, NOW)).get();
        lag.taken(NOW - 2_500, NOW);
        assertThat(readingLagSeconds()).isEqualTo(3.0);
        assertThat(threadsBehind()).isEqualTo(2);

        lag.taken(NOW - 100, NOW + 400);
        clock.set(NOW + 500);
        assertThat(readingLagSeconds()).as("one thread still 3 s behind").isEqualTo(3.0);
        assertThat(threadsBehind()).isEqualTo(1);
    }

    @Test
    void aThreadThatTookNothingForAWhileIsNotBehindAnyMore() throws Exception {
        CompletableFuture.runAsync(() -> lag.taken(NOW - 30_000, NOW)).get();
        clock.set(NOW + 1_001);
        assertThat(threadsBehind()).as("nothing taken for longer than the bound: no backlog left").isZero();
        assertThat(readingLagSeconds()).as("its last reading is still recent").isEqualTo(30.0);

        clock.set(NOW + ReadingLagMetrics.RECENT.toMillis() + 1);
        assertThat(readingLagSeconds()).as("idle for over a minute").isZero();
    }
}
