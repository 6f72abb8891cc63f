package io.vigie.alert.backtest;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.AlertMemory;
import io.vigie.alert.detect.AnomalyLikelihoodDetector;
import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.Detectors;
import io.vigie.alert.detect.RandomCutForestDetector;
import io.vigie.alert.detect.SilenceDetector;
import io.vigie.alert.detect.SlowClimbDetector;
import io.vigie.alert.detect.VolumeDropDetector;
import io.vigie.alert.detect.VolumeSpikeDetector;
import io.vigie.alert.detect.WatchProfile;
import io.vigie.alert.detect.WindowHistory;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Sensitivity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a series through the same {@link AlertEngine} and detectors as the live stream: each row is one finished
 * window (value = volume, negative = negative count, sentiment = mean polarity) judged against the rows before it,
 * within the history retention. A row is an alert when the engine would notify someone: an incident opened or
 * escalated on it.
 */
public class Backtest {

    /** The service's default {@code vigie.alert.negative-surge} (application.yml). */
    static final AlertProperties.NegativeSurge NEGATIVE_SURGE = new AlertProperties.NegativeSurge(48, 6, 0.4, 4);
    /** The service's default {@code vigie.alert.history.retention}. */
    static final Duration RETENTION = Duration.ofDays(14);

    private final DetectionProperties settings;
    private final Duration retention;
    private final ZoneId zone;
    private final Map<String, Sensitivity> overrides;

    public Backtest(DetectionProperties settings, Duration retention, ZoneId zone) {
        this(settings, retention, zone, Map.of());
    }

    /**
     * @param overrides per detector name, a sensitivity for every replayed series, as a watch's own overrides (e.g.
     *                  {@link #metricPreset})
     */
    public Backtest(DetectionProperties settings, Duration retention, ZoneId zone, Map<String, Sensitivity> overrides) {
        this.settings = settings;
        this.retention = retention;
        this.zone = zone;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * The {@code metric} preset ({@code --preset metric}): the anomaly-likelihood detector alone at
     * {@code sensitivity}, the seasonal spike, drop, slow-climb and silence detectors off. Scored lower than the
     * default on NAB's report families (alert-service README), so not the default.
     */
    public static Map<String, Sensitivity> metricPreset(Sensitivity sensitivity) {
        return aloneOnVolume(AnomalyLikelihoodDetector.NAME, sensitivity);
    }

    /**
     * The {@code forest} preset ({@code --preset forest}), and what {@code default} runs on a gauge: the Random Cut
     * Forest detector alone at {@code sensitivity}; the seasonal spike, drop, slow-climb and silence detectors and
     * anomaly-likelihood off (ADR 0036). The detectors that read negatives and sentiment stay as they are.
     */
    public static Map<String, Sensitivity> forestPreset(Sensitivity sensitivity) {
        return aloneOnVolume(RandomCutForestDetector.NAME, sensitivity);
    }

    /** One of the detectors that judge the volume at {@code sensitivity}, the others off. */
    private static Map<String, Sensitivity> aloneOnVolume(String detector, Sensitivity sensitivity) {
        Map<String, Sensitivity> preset = new HashMap<>();
        for (String volume : List.of(VolumeSpikeDetector.NAME, VolumeDropDetector.NAME, SlowClimbDetector.NAME,
                SilenceDetector.NAME, AnomalyLikelihoodDetector.NAME, RandomCutForestDetector.NAME)) {
            preset.put(volume, Sensitivity.OFF);
        }
        preset.put(detector, sensitivity);
        return Map.copyOf(preset);
    }

    public Backtest(DetectionProperties settings) {
        this(settings, RETENTION, settings.defaultTimeZone());
    }

    /**
     * @param name     the series' name, used as watch id
     * @param rows     the series, oldest first
     * @param interval the length of a window; null to take the median gap between rows
     */
    public Result run(String name, List<SeriesRow> rows, Duration interval) {
        Duration length = interval != null ? interval : medianInterval(rows);
        boolean counts = isCounts(rows);
        // The default preset (no overrides): the seasonal detectors are built for counts' daily and weekly rhythm; a
        // gauge (a machine metric, a price) is judged as OpenSearch anomaly detection would judge it (ADR 0036).
        Map<String, Sensitivity> detectors = overrides.isEmpty() && !counts
                ? forestPreset(settings.sensitivity()) : overrides;
        WatchProfile watch = new WatchProfile(zone, null, detectors, List.of(), counts);
        AlertEngine engine = new AlertEngine(Detectors.all(NEGATIVE_SURGE, settings), settings, Clock.systemUTC());
        double[] scores = new double[rows.size()];
        boolean[] alerts = new boolean[rows.size()];
        Set<String> incidents = new HashSet<>();
        List<WindowStats> windows = new ArrayList<>(rows.size());
        AlertMemory memory = AlertMemory.empty();
        int oldest = 0;
        WindowHistory previous = null;
        for (int i = 0; i < rows.size(); i++) {
            WindowStats window = window(name, rows.get(i), length);
            Instant horizon = window.windowStart().minus(retention);
            while (oldest < windows.size() && windows.get(oldest).windowStart().isBefore(horizon)) {
                oldest++;
            }
            // Follows the previous row's history: the baselines of the hours that did not change carry over.
            WindowHistory history = new WindowHistory(windows.subList(oldest, windows.size()), previous);
            previous = history;
            AlertEngine.Evaluation evaluation = engine.evaluate(window, history, memory, watch, true);
            memory = evaluation.memory();
            scores[i] = evaluation.anomalyScore();
            alerts[i] = evaluation.notifies();
            evaluation.alert().filter(event -> event.status() == AlertStatus.OPEN)
                    .ifPresent(event -> incidents.add(event.id()));
            windows.add(window);
        }
        return new Result(length, watch.countData(), scores, alerts, incidents.size());
    }

    private static WindowStats window(String name, SeriesRow row, Duration length) {
        long rated = row.negative() != null || row.sentiment() != null ? Math.round(Math.max(0, row.value())) : 0;
        long negative = row.negative() == null ? 0 : Math.round(row.negative());
        double scoreSum = row.sentiment() == null ? 0 : row.sentiment() * rated;
        return new WindowStats(name, row.timestamp(), row.timestamp().plus(length), row.value(), rated, negative,
                scoreSum, List.of());
    }

    /** The series counts things (mentions, requests) when every value is a whole number of at least 0. */
    static boolean isCounts(List<SeriesRow> rows) {
        return rows.stream().allMatch(row -> row.value() >= 0 && row.value() == Math.rint(row.value()));
    }

    static Duration medianInterval(List<SeriesRow> rows) {
        if (rows.size() < 2) {
            return Duration.ofMinutes(15);
        }
        long[] gaps = new long[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            gaps[i - 1] = Duration.between(rows.get(i - 1).timestamp(), rows.get(i).timestamp()).toMillis();
        }
        Arrays.sort(gaps);
        long median = gaps[gaps.length / 2];
        return Duration.ofMillis(Math.max(1000, median));
    }

    /**
     * @param interval   the window length used
     * @param countData  whether the values were taken as counts (absolute floors applied)
     * @param scores     per row, the highest anomaly score of the detectors that fired (0 when none)
     * @param alerts     per row, whether someone would be notified
     * @param incidents  incidents opened
     */
    public record Result(Duration interval, boolean countData, double[] scores, boolean[] alerts, int incidents) {

        public int alertCount() {
            int count = 0;
            for (boolean alert : alerts) {
                count += alert ? 1 : 0;
            }
            return count;
        }
    }
}
