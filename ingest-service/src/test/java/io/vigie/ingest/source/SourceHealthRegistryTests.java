package io.vigie.ingest.source;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.ingest.publish.PublishReport;
import io.vigie.ingest.source.http.MutableClock;
import io.vigie.ingest.source.http.SourceQuota;
import io.vigie.ingest.source.http.SourceQuotas;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The fields of {@code GET /api/sources/health} and the {@code vigie_source_*} gauges. */
class SourceHealthRegistryTests {

    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(NOW);
    private final SourceQuotas quotas = new SourceQuotas();
    private final SourceInstance instance = SourceInstance.of("reddit", "r/france");
    private final SourceHealthRegistry health = new SourceHealthRegistry(meters, clock, id -> "closed", quotas);

    /** Items every 10 minutes, the newest 5 minutes ago. */
    private List<Instant> everyTenMinutes(int count) {
        return IntStream.range(0, count).mapToObj(i -> NOW.minus(Duration.ofMinutes(5 + 10L * i))).toList();
    }

    @Test
    void lagRateAndQuotaOfAHealthySource() {
        quotas.report(instance, new SourceQuota(SourceQuota.REQUESTS, 42L, 100L, NOW.plusSeconds(300), NOW));
        health.record(instance, NOW.minusSeconds(2), SourceHealth.OK, null, Map.of(), new PublishReport(3, 0, 0, 0, null),
                everyTenMinutes(12), Duration.ofMinutes(1));

        SourceHealth source = health.get(instance.id());

        assertThat(source.lastSuccessAt()).isEqualTo(NOW.minusSeconds(2));
        assertThat(source.newestItemAt()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(source.lagSeconds()).isEqualTo(300);
        assertThat(source.itemsPerMinute()).as("6 items in the last hour").isEqualTo(0.1);
        assertThat(source.silent()).isFalse();
        assertThat(source.breakerState()).isEqualTo("closed");
        assertThat(source.quota().remaining()).isEqualTo(42);
        assertThat(meters.get("vigie.source.lag").tags("source", instance.id()).gauge().value()).isEqualTo(300);
        assertThat(meters.get("vigie.source.quota.remaining").tags("source", instance.id()).gauge().value()).isEqualTo(42);
        assertThat(meters.get("vigie.source.silent").tags("source", instance.id()).gauge().value()).isZero();
    }

    @Test
    void aSourceQuietForThreeTimesItsUsualGapIsSilent() {
        health.record(instance, NOW, SourceHealth.OK, null, Map.of(), PublishReport.NOTHING, everyTenMinutes(12),
                Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(24));
        assertThat(health.get(instance.id()).silent()).as("29 min without items, usual gap 10 min").isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(health.get(instance.id()).silent()).as("31 min").isTrue();
        assertThat(meters.get("vigie.source.silent").tags("source", instance.id()).gauge().value()).isEqualTo(1);
    }

    @Test
    void silenceIsNotJudgedFasterThanThePollInterval() {
        health.record(instance, NOW, SourceHealth.OK, null, Map.of(), PublishReport.NOTHING, everyTenMinutes(12),
                Duration.ofHours(1));

        clock.advance(Duration.ofHours(2));

        assertThat(health.get(instance.id()).silent()).isFalse();
    }

    @Test
    void aSourceWithTooFewItemsIsNeverCalledSilent() {
        health.record(instance, NOW, SourceHealth.OK, null, Map.of(), PublishReport.NOTHING, everyTenMinutes(3),
                Duration.ofMinutes(1));

        clock.advance(Duration.ofDays(3));

        assertThat(health.get(instance.id()).silent()).isFalse();
    }

    @Test
    void errorsAreCountedUntilAPollGoesWell() {
        health.record(instance, NOW, SourceHealth.ERROR, "HTTP 500", Map.of(), PublishReport.NOTHING, List.of(), Duration.ZERO);
        health.record(instance, NOW, SourceHealth.CIRCUIT_OPEN, "open", Map.of(), PublishReport.NOTHING, List.of(), Duration.ZERO);
        assertThat(health.get(instance.id()).consecutiveErrors()).isEqualTo(2);

        health.record(instance, NOW, SourceHealth.NOT_MODIFIED, null, Map.of(), PublishReport.NOTHING, List.of(), Duration.ZERO);

        SourceHealth source = health.get(instance.id());
        assertThat(source.consecutiveErrors()).isZero();
        assertThat(source.errors()).isEqualTo(2);
        assertThat(source.lastError()).isNull();
    }
}
