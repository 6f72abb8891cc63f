package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Fires on a drift that never spikes: over the last {@link #SPAN} windows, a one-sided CUSUM of robust z-scores
 * (each window against the seasonal baseline of the windows before the span) accumulates past a threshold. A
 * complaint topic that grows by a few mentions a day is caught before it becomes a surge. Reads the volume and, for
 * mention counts, the negative count. Counts only: on a backtest's gauge (CPU, latency) a drift is a level change the
 * volume detectors judge, and the CUSUM mostly paged on ordinary wandering (NAB tuning families, alert-service README).
 */
public class SlowClimbDetector implements Detector {

    public static final String NAME = "slow-climb";
    /** Windows the drift is accumulated over. */
    static final int SPAN = 24;
    /** Each window's z-score counts only past this much: ordinary noise does not accumulate. */
    private static final double DRIFT = 0.5;
    /** One extreme window is a spike, not a climb: its contribution is capped. */
    private static final double Z_CAP = 4;

    private final DetectionProperties settings;

    public SlowClimbDetector(DetectionProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Detection> evaluate(WindowStats current, WindowHistory history, WatchProfile watch,
                                        Sensitivity sensitivity) {
        Instant spanStart = current.windowStart().minus(current.length().multipliedBy(SPAN));
        WindowHistory baseline = history.before(spanStart);
        if (!watch.countData() || baseline.size() < settings.warmUpWindows()) {
            return Optional.empty();
        }
        // The window being evaluated may still be filling up: the span is made of the windows before it.
        List<WindowStats> span = new ArrayList<>(history.windows().subList(baseline.size(), history.size()));
        if (span.size() < SPAN / 2) {
            return Optional.empty();
        }
        double threshold = Presets.pick(sensitivity, 36, 24, 16);
        Optional<Detection> volume = climb(current, span, baseline, watch, threshold, "stories", "distinct stories",
                WindowStats::stories);
        if (volume.isPresent()) {
            return volume;
        }
        return climb(current, span, baseline, watch, threshold, "negative_count", "negative mentions",
                WindowStats::negativeCount);
    }

    private Optional<Detection> climb(WindowStats current, List<WindowStats> span, WindowHistory history,
                                      WatchProfile watch, double threshold, String metric, String what,
                                      ToDoubleFunction<WindowStats> value) {
        double cusum = 0;
        double observed = 0;
        double expected = 0;
        double lastZ = 0;
        for (WindowStats window : span) {
            SeasonalBaseline baseline = SeasonalBaseline.of(history, window.windowStart(), watch.zone(),
                    "climb:" + metric, value, window.length(), settings.weeklyMinWeeks(), settings.dailyMinDays(),
                    watch.countData());
            if (baseline.scope() == SeasonalBaseline.Scope.ALL_HOURS) {
                // Against all hours at once, a watch's ordinary daily rhythm is a climb every morning: a drift is
                // judged only once each hour of the span has earlier days of its own to compare with.
                return Optional.empty();
            }
            double x = value.applyAsDouble(window);
            lastZ = Math.max(-Z_CAP, Math.min(Z_CAP, (x - baseline.median()) / baseline.sigma(watch.countData())));
            cusum = Math.max(0, cusum + lastZ - DRIFT);
            observed += x;
            expected += baseline.median();
        }
        observed /= span.size();
        expected /= span.size();
        if (cusum < threshold || lastZ <= 0 || observed - expected < 1) {
            return Optional.empty();
        }
        double ratio = cusum / threshold;
        String summary = String.format(Locale.ROOT,
                "Slow climb of %s about '%s': %s per window on average over the last %d windows before %s,"
                        + " usually %s; no single window spiked.",
                what, current.watchId(), Summaries.number(observed), span.size(),
                Summaries.window(current, watch.zone()), Summaries.number(expected));
        return Optional.of(new Detection(ratio >= 2 ? Severity.MEDIUM : Severity.LOW,
                metric, observed, expected, summary, Presets.score(ratio)));
    }
}
