package io.vigie.bench;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.AlertMemory;
import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.Detector;
import io.vigie.alert.detect.Detectors;
import io.vigie.alert.detect.WatchProfile;
import io.vigie.alert.detect.WindowHistory;
import io.vigie.alert.window.WindowStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.vigie.testsupport.SyntheticCounts.poisson;

/**
 * The detectors alone (alert-service's {@code AlertEngine} with every default detector, no Kafka Streams): one
 * operation is one window judged against the two weeks of history of its watch before it (the service's history
 * retention; 15-min windows, a daily and weekly rhythm, Poisson counts, two sources, some negatives; a window without
 * mentions is not kept, as in the stream), as the stream and the backtest judge it.
 *
 * <ul>
 *   <li>{@code judgeNextWindow}: each window against a history that just moved on by one window (a new
 *   {@code WindowHistory} following the one before, as the stream and the backtest make it: only the baselines of
 *   the hours whose windows did not change carry over): a catch-up or a backtest, one evaluation per window.</li>
 *   <li>{@code judgeSameWindowAgain}: the same window judged again against the same history instance, as the live
 *   stream does at each update of a window that is filling up (its history unchanged, its baselines remembered).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DetectionBenchmark {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Duration RETENTION = Duration.ofDays(14);
    /** Windows of time generated after the first two weeks: the windows {@code judgeNextWindow} goes through. */
    private static final int NEXT = 7 * 96;
    private static final AlertProperties.NegativeSurge NEGATIVE_SURGE = new AlertProperties.NegativeSurge(48, 6, 0.4,
            4);

    /**
     * Mentions in a busy working-day hour's window; nights and weekends get a fraction of it. 2 is a sparse watch,
     * as in the load driver's catch-up of a sparse week (most windows hold one or two mentions).
     */
    @Param("20")
    public int busyWindow;

    /** Detectors left out, by name, comma-separated (e.g. {@code anomaly-likelihood}): what each one costs. */
    @Param("none")
    public String without;

    private final List<WindowStats> windows = new ArrayList<>();
    private AlertEngine engine;
    private int detectorCount;
    private WatchProfile watch;
    private WindowHistory sameHistory;
    private WindowStats sameWindow;
    /** Index of the first window after the first two weeks. */
    private int firstJudged;
    private int next;
    private WindowHistory previousHistory;

    @Setup
    public void setUp() {
        DetectionProperties settings = DetectionProperties.defaults();
        List<String> leftOut = List.of(without.split(","));
        List<Detector> detectors = Detectors.all(NEGATIVE_SURGE, settings).stream()
                .filter(detector -> !leftOut.contains(detector.name())).toList();
        detectorCount = detectors.size();
        engine = new AlertEngine(detectors, settings, Clock.systemUTC());
        ZoneId paris = ZoneId.of("Europe/Paris");
        watch = WatchProfile.defaults(paris);
        Random random = new Random(7);
        Instant start = Instant.parse("2026-03-02T00:00:00Z");
        int slots = (int) (RETENTION.dividedBy(WINDOW) + NEXT);
        for (int i = 0; i < slots; i++) {
            Instant from = start.plus(WINDOW.multipliedBy(i));
            int hour = from.atZone(paris).getHour();
            boolean weekend = from.atZone(paris).getDayOfWeek().getValue() >= 6;
            double rate = busyWindow * (hour >= 8 && hour < 20 ? 1 : 0.15) * (weekend ? 0.4 : 1);
            int volume = poisson(rate, random);
            if (volume == 0) {
                continue;
            }
            long negatives = Math.min(volume, poisson(volume * 0.2, random));
            long reddit = Math.min(volume, poisson(volume * 0.6, random));
            windows.add(new WindowStats("bench", from, from.plus(WINDOW), volume, volume, negatives, -0.6 * negatives,
                    List.of("m-" + i), volume, volume * 500L, 2_000L, 0,
                    Map.of("reddit", reddit, "rss", volume - reddit), Map.of("fr", (long) volume), List.of()));
        }
        Instant judgedFrom = start.plus(RETENTION);
        while (windows.get(firstJudged).windowStart().isBefore(judgedFrom)) {
            firstJudged++;
        }
        sameHistory = historyBefore(firstJudged, null);
        sameWindow = windows.get(firstJudged);
    }

    @Benchmark
    public AlertEngine.Evaluation judgeNextWindow() {
        int at = firstJudged + next;
        next = (next + 1) % (windows.size() - firstJudged);
        // As the stream and the backtest: a history that follows the one before it (none when the run wraps around).
        WindowHistory history = historyBefore(at, next == 1 ? null : previousHistory);
        previousHistory = history;
        return engine.evaluate(windows.get(at), history, AlertMemory.empty(), watch, true);
    }

    /** The windows of the two weeks before window {@code at}, as the stream's history retention keeps them. */
    private WindowHistory historyBefore(int at, WindowHistory previous) {
        Instant horizon = windows.get(at).windowStart().minus(RETENTION);
        int from = at;
        while (from > 0 && !windows.get(from - 1).windowStart().isBefore(horizon)) {
            from--;
        }
        return new WindowHistory(windows.subList(from, at), previous);
    }

    @Benchmark
    public AlertEngine.Evaluation judgeSameWindowAgain() {
        return engine.evaluate(sameWindow, sameHistory, AlertMemory.empty(), watch, false);
    }

    /** Days the judged history spans, first window to last. */
    double historyDays() {
        List<WindowStats> history = sameHistory.windows();
        return Duration.between(history.get(0).windowStart(), history.get(history.size() - 1).windowEnd())
                .toHours() / 24.0;
    }

    int detectorCount() {
        return detectorCount;
    }

}
