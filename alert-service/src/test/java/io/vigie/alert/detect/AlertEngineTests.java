package io.vigie.alert.detect;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The detector and the alert policy on synthetic series of 15-min windows, the way the topology drives them. */
class AlertEngineTests {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final AlertProperties.NegativeSurge SURGE = new AlertProperties.NegativeSurge(48, 6, 0.4, 4);
    private static final WatchProfile PROFILE = WatchProfile.defaults(ZoneOffset.UTC);

    private final AlertEngine engine = new AlertEngine(List.of(new NegativeSurgeDetector(SURGE)),
            DetectionProperties.defaults(), Clock.fixed(Instant.parse("2026-03-20T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void aStableSeriesWithNoisyWindowsRaisesNothing() {
        // Two weeks of ordinary traffic: 0-4 negatives among 1-9 mentions per window, like the demo's noisy days.
        List<int[]> series = ordinaryDays(14, new Random(7));

        assertThat(run(series)).isEmpty();
    }

    @Test
    void aSurgeOfNegativeMentionsRaisesOneAlertWithItsWindowAndExamples() {
        List<int[]> series = ordinaryDays(3, new Random(11));
        series.add(new int[] {40, 34});
        int crisisWindow = series.size() - 1;

        List<AlertRaised> alerts = firstSendPerAlert(run(series));

        assertThat(alerts).hasSize(1);
        AlertRaised alert = alerts.get(0);
        assertThat(alert.watchId()).isEqualTo("nuvelia");
        assertThat(alert.detector()).isEqualTo("negative-surge");
        assertThat(alert.metric()).isEqualTo("negative_count");
        assertThat(alert.windowStart()).isEqualTo(T0.plus(WINDOW.multipliedBy(crisisWindow)));
        assertThat(alert.windowEnd()).isEqualTo(alert.windowStart().plus(WINDOW));
        assertThat(alert.id()).isEqualTo("nuvelia:negative-surge:" + alert.windowStart());
        assertThat(alert.expected()).isLessThan(2);
        assertThat(alert.observed()).isGreaterThanOrEqualTo(6);
        assertThat(alert.mentionIds()).isNotEmpty().allMatch(id -> id.startsWith("neg-"));
        assertThat(alert.summary()).contains("nuvelia").contains("usually");
    }

    @Test
    void aSurgeBeforeTheWarmUpIsOverRaisesNothing() {
        List<int[]> series = new ArrayList<>(ordinaryDays(3, new Random(3)).subList(0, 47));
        series.add(new int[] {40, 34});

        assertThat(run(series)).isEmpty();
    }

    @Test
    void aSixHourCrisisRaisesOneAlert() {
        List<int[]> series = ordinaryDays(3, new Random(19));
        IntStream.range(0, 24).forEach(i -> series.add(new int[] {30, 25}));

        assertThat(run(series)).extracting(AlertRaised::id).containsOnly(run(series).get(0).id());
    }

    @Test
    void anAlertIsResentWithTheSameIdOnlyWhenItsSeverityEscalates() {
        List<int[]> series = ordinaryDays(3, new Random(23));
        series.add(new int[] {80, 72});

        List<AlertRaised> alerts = run(series);

        assertThat(alerts).extracting(AlertRaised::id).containsOnly(alerts.get(0).id());
        assertThat(alerts).extracting(AlertRaised::severity)
                .containsExactly(Severity.LOW, Severity.MEDIUM, Severity.HIGH);
        assertThat(alerts.get(2).observed()).isGreaterThan(alerts.get(0).observed());
    }

    @Test
    void aLongEpisodeRaisesOneIncidentAndANewEpisodeAfterResolutionAndReopenDelayRaisesAnother() {
        List<int[]> series = ordinaryDays(3, new Random(5));
        int firstEpisode = series.size();
        IntStream.range(0, 3).forEach(i -> series.add(new int[] {30, 25}));
        // Calm for the 12 windows that resolve the incident, then for the 12 hours it could still be reopened.
        IntStream.range(0, 12 + 48).forEach(i -> series.add(new int[] {3, 0}));
        int secondEpisode = series.size();
        series.add(new int[] {30, 25});

        List<AlertRaised> alerts = firstSendPerAlert(run(series));

        assertThat(alerts).extracting(AlertRaised::windowStart).containsExactly(
                T0.plus(WINDOW.multipliedBy(firstEpisode)), T0.plus(WINDOW.multipliedBy(secondEpisode)));
    }

    @Test
    void aManyNegativeButOrdinaryShareWindowIsNotANegativeSurge() {
        List<int[]> series = ordinaryDays(3, new Random(9));
        // A burst of press coverage: many mentions, the usual ~20% negative.
        series.add(new int[] {40, 8});

        assertThat(run(series)).isEmpty();
    }

    @Test
    void severityGrowsWithHowFarTheWindowIsAboveTheThreshold() {
        // A flat baseline of 1 negative per window: the threshold is the minimum count, 6.
        List<WindowStats> history = new ArrayList<>();
        IntStream.range(0, 96).forEach(i -> history.add(window(i, 4, 1)));
        NegativeSurgeDetector detector = new NegativeSurgeDetector(SURGE);
        WindowHistory baseline = new WindowHistory(history);

        assertThat(detector.evaluate(window(history.size(), 8, 6), baseline, PROFILE, Sensitivity.MEDIUM))
                .hasValueSatisfying(detection -> assertThat(detection.severity()).isEqualTo(Severity.LOW));
        assertThat(detector.evaluate(window(history.size(), 12, 10), baseline, PROFILE, Sensitivity.MEDIUM))
                .hasValueSatisfying(detection -> assertThat(detection.severity()).isEqualTo(Severity.MEDIUM));
        assertThat(detector.evaluate(window(history.size(), 20, 18), baseline, PROFILE, Sensitivity.MEDIUM))
                .hasValueSatisfying(detection -> assertThat(detection.severity()).isEqualTo(Severity.HIGH));
    }

    @Test
    void lateUpdatesOfOldWindowsFeedTheBaselineButRaiseNothing() {
        List<WindowStats> history = new ArrayList<>();
        List<int[]> series = ordinaryDays(3, new Random(17));
        series.forEach(counts -> history.add(window(history.size(), counts[0], counts[1])));
        AlertMemory memory = new AlertMemory(T0.plus(WINDOW.multipliedBy(history.size())), null);

        WindowStats lateSpike = window(history.size() - 5, 40, 34);
        var evaluation = engine.evaluate(lateSpike, new WindowHistory(history.subList(0, history.size() - 5)), memory);

        assertThat(evaluation.alert()).isEmpty();
    }

    /**
     * Feeds each window mention by mention (every update is evaluated, as in the topology), with the earlier
     * windows as history, and collects the alerts raised.
     */
    private List<AlertRaised> run(List<int[]> series) {
        List<WindowStats> history = new ArrayList<>();
        AlertMemory memory = AlertMemory.empty();
        List<AlertRaised> alerts = new ArrayList<>();
        for (int[] counts : series) {
            int index = history.size();
            WindowStats current = null;
            for (int seen = 1; seen <= counts[0]; seen++) {
                // Negatives spread over the window, as they arrive in real traffic.
                current = window(index, seen, (int) Math.round((double) seen * counts[1] / counts[0]));
                var evaluation = engine.evaluate(current, new WindowHistory(history), memory);
                memory = evaluation.memory();
                evaluation.alert().ifPresent(alerts::add);
            }
            history.add(current == null ? window(index, 0, 0) : current.withoutSamples());
        }
        return alerts;
    }

    /** Escalations re-send an alert under its id: keep the first send of each. */
    private static List<AlertRaised> firstSendPerAlert(List<AlertRaised> sends) {
        Map<String, AlertRaised> first = new LinkedHashMap<>();
        sends.forEach(alert -> first.putIfAbsent(alert.id(), alert));
        return List.copyOf(first.values());
    }

    private static WindowStats window(int index, int volume, int negatives) {
        Instant start = T0.plus(WINDOW.multipliedBy(index));
        List<String> samples = new ArrayList<>();
        IntStream.range(0, Math.min(negatives, 5)).forEach(i -> samples.add("neg-" + index + "-" + i));
        return new WindowStats("nuvelia", start, start.plus(WINDOW), volume, volume, negatives,
                -0.6 * negatives, samples);
    }

    /** Per window {volume, negatives}: a daily rhythm with quiet nights and a few bad hours. */
    private static List<int[]> ordinaryDays(int days, Random random) {
        List<int[]> series = new ArrayList<>();
        for (int w = 0; w < days * 96; w++) {
            int hour = (w / 4) % 24;
            int volume = hour < 7 ? random.nextInt(2) : 1 + random.nextInt(9);
            int negatives = 0;
            for (int m = 0; m < volume; m++) {
                negatives += random.nextDouble() < 0.22 ? 1 : 0;
            }
            series.add(new int[] {volume, Math.min(negatives, 4)});
        }
        return series;
    }
}
