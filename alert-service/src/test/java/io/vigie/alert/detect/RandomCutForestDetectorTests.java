package io.vigie.alert.detect;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.Sensitivity;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The Random Cut Forest detector (ADR 0036): what it finds, and that a forest rebuilt from history judges the same. */
class RandomCutForestDetectorTests {

    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final WatchProfile GAUGE = new WatchProfile(ZoneOffset.UTC, null, Map.of(), List.of(), false);
    private static final WatchProfile COUNTS = new WatchProfile(ZoneOffset.UTC, null, Map.of(), List.of(), true);
    private static final int SPIKE = 1_400;

    /** A CPU-like gauge: a daily wave with noise, and one spike. */
    private static List<WindowStats> gauge(String watch, int length, int spikeAt) {
        Random random = new Random(7);
        List<WindowStats> windows = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            double value = 50 + 10 * Math.sin(2 * Math.PI * i / 288) + random.nextGaussian() * 1.5;
            windows.add(window(watch, i, i == spikeAt ? 130.25 : value));
        }
        return windows;
    }

    private static WindowStats window(String watch, int index, double value) {
        Instant start = START.plus(FIVE_MINUTES.multipliedBy(index));
        return new WindowStats(watch, start, start.plus(FIVE_MINUTES), value, 0, 0, 0, List.of());
    }

    /** Each window judged once with all the windows before it as history, as the backtest does. */
    private static List<Optional<Detection>> judgeInTurn(RandomCutForestDetector detector, List<WindowStats> windows,
                                                         WatchProfile watch) {
        List<Optional<Detection>> judgements = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            judgements.add(detector.evaluate(windows.get(i), new WindowHistory(windows.subList(0, i)), watch,
                    Sensitivity.MEDIUM));
        }
        return judgements;
    }

    @Test
    void findsASpikeInANoisyDailyWaveAndStaysQuietOnTheWaveItself() {
        List<WindowStats> windows = gauge("cpu", SPIKE + 20, SPIKE);

        List<Optional<Detection>> judgements = judgeInTurn(new RandomCutForestDetector(DetectionProperties.defaults()),
                windows, GAUGE);

        assertThat(judgements.get(SPIKE)).hasValueSatisfying(detection -> {
            assertThat(detection.observed()).isEqualTo(130.25);
            assertThat(detection.expected()).isBetween(35.0, 65.0);
            assertThat(detection.anomalyScore()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
            assertThat(detection.summary()).contains("'cpu'").contains("130.25").contains("Random Cut Forest");
        });
        // Five days of the wave after the forest's first days: an alert there would be a false one.
        long quietFlagged = judgements.subList(300, SPIKE).stream().filter(Optional::isPresent).count();
        assertThat(quietFlagged).isLessThanOrEqualTo(2);
    }

    @Test
    void aForestRebuiltFromTheSameWindowsJudgesAsTheOneThatLearntWindowByWindow() {
        List<WindowStats> windows = gauge("cpu", SPIKE + 1, SPIKE);
        RandomCutForestDetector running = new RandomCutForestDetector(DetectionProperties.defaults());
        Optional<Detection> learnt = judgeInTurn(running, windows, GAUGE).get(SPIKE);

        RandomCutForestDetector restarted = new RandomCutForestDetector(DetectionProperties.defaults());
        Optional<Detection> rebuilt = restarted.evaluate(windows.get(SPIKE),
                new WindowHistory(windows.subList(0, SPIKE)), GAUGE, Sensitivity.MEDIUM);

        assertThat(learnt).isPresent();
        assertThat(rebuilt).isEqualTo(learnt);
        assertThat(running.evaluate(windows.get(SPIKE), new WindowHistory(windows.subList(0, SPIKE)), GAUGE,
                Sensitivity.MEDIUM)).as("the same window judged again (a late mention)").isEqualTo(learnt);
    }

    @Test
    void aCountsMissingWindowsAreZerosAndNothingAlertsBeforeTheWarmUp() {
        Random random = new Random(3);
        List<WindowStats> full = new ArrayList<>();
        List<WindowStats> withGaps = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long mentions = i % 7 == 3 ? 0 : 4 + random.nextInt(3);
            WindowStats window = window("acme", i, i == 599 ? 60 : mentions);
            full.add(window);
            if (mentions > 0 || i == 599) {
                withGaps.add(window);
            }
        }
        Optional<Detection> fromFull = new RandomCutForestDetector(DetectionProperties.defaults()).evaluate(
                full.get(599), new WindowHistory(full.subList(0, 599)), COUNTS, Sensitivity.MEDIUM);
        Optional<Detection> fromGaps = new RandomCutForestDetector(DetectionProperties.defaults()).evaluate(
                withGaps.get(withGaps.size() - 1), new WindowHistory(withGaps.subList(0, withGaps.size() - 1)),
                COUNTS, Sensitivity.MEDIUM);

        assertThat(fromFull).isPresent();
        assertThat(fromGaps).isEqualTo(fromFull);

        List<WindowStats> young = gauge("young", 45, 44);
        assertThat(judgeInTurn(new RandomCutForestDetector(DetectionProperties.defaults()), young, GAUGE))
                .as("fewer than warm-up-windows (48) windows of history").allMatch(Optional::isEmpty);
    }

    @Test
    void aWatchBackAfterLongerThanTheForestRemembersIsJudgedAsAfterARestart() {
        List<WindowStats> before = gauge("cpu", 600, -1);
        List<WindowStats> after = new ArrayList<>();
        Random random = new Random(11);
        int back = 600 + RandomCutForestDetector.RECENCY + 10;
        for (int i = back; i < back + 500; i++) {
            after.add(window("cpu", i, i == back + 499 ? 100 : 80 + random.nextGaussian() * 4));
        }
        WindowStats spike = after.get(after.size() - 1);
        WindowHistory recent = new WindowHistory(after.subList(0, after.size() - 1));
        RandomCutForestDetector running = new RandomCutForestDetector(DetectionProperties.defaults());
        judgeInTurn(running, before, GAUGE);

        Optional<Detection> judged = running.evaluate(spike, recent, GAUGE, Sensitivity.MEDIUM);

        assertThat(judged).isPresent().isEqualTo(new RandomCutForestDetector(DetectionProperties.defaults())
                .evaluate(spike, recent, GAUGE, Sensitivity.MEDIUM));
    }

    @Test
    void keepsABoundedNumberOfForests() {
        RandomCutForestDetector detector = new RandomCutForestDetector(DetectionProperties.defaults());
        for (int watch = 0; watch < RandomCutForestDetector.MAX_FORESTS + 40; watch++) {
            WindowStats first = window("w" + watch, 0, 5);
            detector.evaluate(first, WindowHistory.empty(), GAUGE, Sensitivity.MEDIUM);
        }
        assertThat(detector.forests()).isEqualTo(RandomCutForestDetector.MAX_FORESTS);
    }

    @Test
    void aLiveWatchRunsTheForestOnlyWhenItAsksForIt() {
        List<WindowStats> windows = gauge("acme", SPIKE + 1, SPIKE);
        WatchProfile asked = new WatchProfile(ZoneOffset.UTC, null, Map.of(RandomCutForestDetector.NAME,
                Sensitivity.MEDIUM), List.of(), false);

        assertThat(detectorsThatOpened(windows, GAUGE)).doesNotContain(RandomCutForestDetector.NAME);
        assertThat(detectorsThatOpened(windows, asked)).contains(RandomCutForestDetector.NAME);
    }

    private static List<String> detectorsThatOpened(List<WindowStats> windows, WatchProfile watch) {
        DetectionProperties settings = DetectionProperties.defaults();
        AlertEngine engine = new AlertEngine(Detectors.all(new AlertProperties.NegativeSurge(48, 6, 0.4, 4), settings),
                settings, Clock.systemUTC());
        AlertMemory memory = AlertMemory.empty();
        List<String> opened = new ArrayList<>();
        WindowHistory previous = null;
        for (int i = 0; i < windows.size(); i++) {
            WindowHistory history = new WindowHistory(windows.subList(0, i), previous);
            previous = history;
            AlertEngine.Evaluation evaluation = engine.evaluate(windows.get(i), history, memory, watch, true);
            memory = evaluation.memory();
            evaluation.alert().map(AlertRaised::detector).ifPresent(opened::add);
        }
        return opened;
    }
}
