package io.vigie.alert.backtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.WatchProfile;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Replaying a watch's past from a fake source of windows: the incidents the live engine would have raised. */
class WatchReplayTests {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aCrisisAfterTwoOrdinaryWeeksIsOneIncidentEscalatingToHighAndOrdinaryDaysNone() throws IOException {
        Random random = new Random(3);
        List<WindowStats> past = new ArrayList<>();
        int days = 15;
        for (int i = 0; i < days * 96; i++) {
            Instant start = T0.plus(WINDOW.multipliedBy(i));
            int volume = 1 + random.nextInt(9);
            int negative = random.nextInt(Math.min(volume, 4) + 1);
            if (i >= 14 * 96 + 40 && i < 14 * 96 + 48) {
                volume = 20 + 10 * (i - 14 * 96 - 40);
                negative = volume * 8 / 10;
            }
            if (random.nextInt(10) > 0) {
                past.add(new WindowStats("acme", start, start.plus(WINDOW), volume, volume, negative,
                        -0.5 * negative, List.of()));
            }
        }
        List<Instant[]> asked = new ArrayList<>();
        WindowSource source = (watchId, from, to, length) -> {
            asked.add(new Instant[] {from, to});
            return past.stream().filter(w -> !w.windowStart().isBefore(from) && w.windowStart().isBefore(to)).toList();
        };
        Instant from = T0.plus(Duration.ofDays(7));
        Instant to = T0.plus(Duration.ofDays(days));

        List<AlertRaised> events = new WatchReplay(DetectionProperties.defaults(), Duration.ofDays(14),
                WatchProfile.defaults(ZoneOffset.UTC)).run(source, "acme", from, to, WINDOW);

        assertThat(asked).hasSize(1);
        assertThat(asked.get(0)[0]).isEqualTo(from.minus(Duration.ofDays(14)));
        List<AlertRaised> notified = events.stream()
                .filter(e -> e.status() == AlertStatus.OPEN || e.status() == AlertStatus.ESCALATED).toList();
        assertThat(notified).isNotEmpty().extracting(AlertRaised::id).containsOnly(notified.get(0).id());
        assertThat(notified.get(0).windowStart()).isAfterOrEqualTo(T0.plus(Duration.ofDays(14)));
        assertThat(notified).extracting(AlertRaised::severity).contains(Severity.HIGH);
    }

    @Test
    void theIndexQueryFiltersTheWatchAndRangeAndBucketsByWindow() throws IOException {
        OpenSearchWindowSource source = new OpenSearchWindowSource(java.net.URI.create("http://localhost:9200"));
        String query = source.query("acme", T0, T0.plus(Duration.ofDays(1)), WINDOW).toString();
        assertThat(query).contains("\"watchIds\":\"acme\"").contains("\"publishedAt\"")
                .contains("\"fixed_interval\":\"900s\"").contains("\"sentiment.label\":\"negative\"");

        String response = """
                {"aggregations":{"windows":{"buckets":[
                  {"key":1772323200000,"doc_count":7,"negative":{"doc_count":2},"rated":{"value":6},
                   "polarity":{"value":-1.5}}]}}}""";
        List<WindowStats> windows = OpenSearchWindowSource.parse("acme", new ObjectMapper().readTree(response), WINDOW);

        assertThat(windows).singleElement().satisfies(w -> {
            assertThat(w.windowStart()).isEqualTo(Instant.ofEpochMilli(1772323200000L));
            assertThat(w.volume()).isEqualTo(7);
            assertThat(w.negativeCount()).isEqualTo(2);
            assertThat(w.ratedCount()).isEqualTo(6);
            assertThat(w.scoreSum()).isEqualTo(-1.5);
        });
    }
}
