package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;

import java.util.Locale;
import java.util.Optional;

/**
 * Fires when a window holds far more stories than usual for its local hour and weekday: near-duplicates count once,
 * so forty copies of one wire story are not a spike. The threshold is the seasonal median plus
 * {@code spike-deviations} robust standard deviations (medium), and, for mention counts, a minimum number. The
 * window must also be a new extreme: above every window of its baseline, and further above the median of its local
 * time than any window of the history ({@link HistoryDeviations}, ADR 0024), so that noise with heavy tails does not
 * page again and again.
 */
public class VolumeSpikeDetector implements Detector {

    public static final String NAME = "volume-spike";
    static final String METRIC = "stories";

    private final DetectionProperties settings;

    public VolumeSpikeDetector(DetectionProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Detection> evaluate(WindowStats current, WindowHistory history, WatchProfile watch,
                                        Sensitivity sensitivity) {
        if (history.size() < settings.warmUpWindows()) {
            return Optional.empty();
        }
        double observed = current.stories();
        if (watch.countData() && observed < Presets.pick(sensitivity, 20, 10, 6)) {
            return Optional.empty();
        }
        SeasonalBaseline baseline = SeasonalBaseline.of(history, current.windowStart(), watch.zone(), METRIC,
                WindowStats::stories, current.length(), settings.weeklyMinWeeks(), settings.dailyMinDays(),
                watch.countData());
        double deviations = settings.spikeDeviations() * Presets.pick(sensitivity, 1.5, 1, 0.75);
        double z = (observed - baseline.median()) / baseline.sigma(watch.countData());
        if (z < deviations || observed <= baseline.robust().max() || !beyondTheHistory(current, history, watch)) {
            return Optional.empty();
        }
        double ratio = z / deviations;
        String summary = String.format(Locale.ROOT,
                "Mentions of '%s' spiked: %s distinct stories in %s, usually %s%s (%.1f robust deviations above).",
                current.watchId(), Summaries.number(observed), Summaries.window(current, watch.zone()),
                Summaries.number(baseline.median()), baseline.scope().phrase(), z);
        return Optional.of(new Detection(Presets.severity(ratio), METRIC, observed, baseline.median(), summary,
                Presets.score(ratio)));
    }

    /** Whether no window of the history lay as far from its local time (ADR 0024). */
    private boolean beyondTheHistory(WindowStats current, WindowHistory history, WatchProfile watch) {
        return HistoryDeviations.of(history, watch.zone(), METRIC, WindowStats::stories, current.length(),
                        settings.weeklyMinWeeks(), settings.dailyMinDays(), watch.countData())
                .aboveAll(current.windowStart(), current.stories());
    }
}
