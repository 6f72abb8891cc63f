package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** The anomaly-likelihood detector on series of 5-min windows, through the engine. */
class AnomalyLikelihoodDetectorTests {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final DetectionProperties SETTINGS = DetectionProperties.defaults();
    private static final WatchProfile OPTED_IN = new WatchProfile(ZoneOffset.UTC, null,
            Map.of(AnomalyLikelihoodDetector.NAME, Sensitivity.MEDIUM), List.of(), false);
    private static final WatchProfile DEFAULTS = new WatchProfile(ZoneOffset.UTC, null, Map.of(), List.of(), false);

    @Test
    void aLevelShiftDownOfANoisyGaugeOpensOneIncidentAndNoiseNone() {
        List<Double> series = noise(600, new Random(5));
        assertThat(notifications(series, OPTED_IN)).isEmpty();

        int shift = series.size();
        for (int i = 0; i < 100; i++) {
            series.add(30 + new Random(i).nextGaussian());
        }
        List<Integer> alerts = notifications(series, OPTED_IN);

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).isBetween(shift, shift + 10);
    }

    @Test
    void itRunsForEveryWatchUnlessTheWatchTurnsItOff() {
        List<Double> series = noise(600, new Random(9));
        for (int i = 0; i < 100; i++) {
            series.add(30.0);
        }
        WatchProfile turnedOff = new WatchProfile(ZoneOffset.UTC, null,
                Map.of(AnomalyLikelihoodDetector.NAME, Sensitivity.OFF), List.of(), false);

        assertThat(new AnomalyLikelihoodDetector(SETTINGS).enabledByDefault()).isTrue();
        assertThat(notifications(series, DEFAULTS)).hasSize(1);
        assertThat(notifications(series, turnedOff)).isEmpty();
    }

    @Test
    void mentionCountsMustMoveByAFewMentionsPerWindowNotOnlyImprobably() {
        // A quiet watch, one or two mentions per window, then three or four for a while: improbable for its
        // history, but nothing a communications team can act on. Eight more per window is.
        WatchProfile counts = WatchProfile.defaults(ZoneOffset.UTC);
        Random random = new Random(4);
        List<Double> quiet = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            quiet.add(1.0 + random.nextInt(2));
        }
        List<Double> slightlyBusier = new ArrayList<>(quiet);
        List<Double> busier = new ArrayList<>(quiet);
        for (int i = 0; i < 60; i++) {
            slightlyBusier.add(3.0 + random.nextInt(2));
            busier.add(9.0 + random.nextInt(2));
        }

        assertThat(notifications(quiet, counts)).isEmpty();
        assertThat(notifications(slightlyBusier, counts)).isEmpty();
        assertThat(notifications(busier, counts)).hasSize(1);
    }

    @Test
    void aJumpBeyondAnyProbabilityStillGetsAScoreBetweenZeroAndOne() {
        // The Gaussian tail underflows to 0 this far out; a NaN score once made the incident store reject the alert.
        List<WindowStats> windows = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 600; i++) {
            Instant start = T0.plus(WINDOW.multipliedBy(i));
            windows.add(new WindowStats("gauge", start, start.plus(WINDOW), 50 + 2 * random.nextGaussian(), 0, 0, 0,
                    List.of()));
        }
        WindowHistory history = new WindowHistory(windows.subList(0, 599));
        WindowStats jump = new WindowStats("gauge", T0.plus(WINDOW.multipliedBy(599)), T0.plus(WINDOW.multipliedBy(600)),
                1e9, 0, 0, 0, List.of());

        assertThat(new AnomalyLikelihoodDetector(SETTINGS).evaluate(jump, history, DEFAULTS, Sensitivity.MEDIUM))
                .hasValueSatisfying(detection -> {
                    assertThat(detection.anomalyScore()).isBetween(0.5, 1.0);
                    assertThat(detection.summary()).doesNotContain("NaN");
                });
        assertThat(Presets.score(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Presets.score(Double.NaN)).isZero();
    }

    @Test
    void theTailProbabilityIsTheStandardNormalOne() {
        assertThat(AnomalyLikelihoodDetector.tail(0)).isCloseTo(0.5, offset(1e-6));
        assertThat(AnomalyLikelihoodDetector.tail(4.2649)).isCloseTo(1e-5, offset(1e-7));
    }

    private static List<Double> noise(int n, Random random) {
        List<Double> series = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            series.add(50 + 2 * random.nextGaussian());
        }
        return series;
    }

    /** Indexes of the windows on which someone would be notified, with only the anomaly-likelihood detector. */
    private static List<Integer> notifications(List<Double> series, WatchProfile watch) {
        AlertEngine engine = new AlertEngine(List.of(new AnomalyLikelihoodDetector(SETTINGS)), SETTINGS,
                Clock.fixed(T0, ZoneOffset.UTC));
        AlertMemory memory = AlertMemory.empty();
        List<WindowStats> windows = new ArrayList<>();
        List<Integer> alerts = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Instant start = T0.plus(WINDOW.multipliedBy(i));
            WindowStats window = new WindowStats("gauge", start, start.plus(WINDOW), series.get(i), 0, 0, 0, List.of());
            AlertEngine.Evaluation evaluation = engine.evaluate(window, new WindowHistory(windows), memory, watch, true);
            memory = evaluation.memory();
            if (evaluation.notifies()) {
                alerts.add(i);
            }
            windows.add(window);
        }
        return alerts;
    }
}
