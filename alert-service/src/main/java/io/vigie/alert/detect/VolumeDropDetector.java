package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;

import java.util.Locale;
import java.util.Optional;

/**
 * Fires when a finished window holds far fewer mentions than usual for its local hour and weekday: a source broken,
 * a query that stopped matching, or (for a backtest's metric) any fall. Judged on complete windows only. Like a
 * spike, a drop must be a new extreme: below every window of its baseline, and further below the median of its local
 * time than any window of the history ({@link HistoryDeviations}, ADR 0024).
 */
public class VolumeDropDetector implements Detector {

    public static final String NAME = "volume-drop";
    static final String METRIC = "stories";

    private final DetectionProperties settings;

    public VolumeDropDetector(DetectionProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean needsCompleteWindow() {
        return true;
    }

    @Override
    public Optional<Detection> evaluate(WindowStats current, WindowHistory history, WatchProfile watch,
                                        Sensitivity sensitivity) {
        if (history.size() < settings.warmUpWindows()) {
            return Optional.empty();
        }
        SeasonalBaseline baseline = SeasonalBaseline.of(history, current.windowStart(), watch.zone(), METRIC,
                WindowStats::stories, current.length(), settings.weeklyMinWeeks(), settings.dailyMinDays(),
                watch.countData());
        double observed = current.stories();
        double expected = baseline.median();
        if (watch.countData() && (expected < Presets.pick(sensitivity, 20, 10, 6) || observed > expected / 2)) {
            return Optional.empty();
        }
        double deviations = settings.spikeDeviations() * Presets.pick(sensitivity, 1.5, 1, 0.75);
        double z = (expected - observed) / baseline.sigma(watch.countData());
        if (z < deviations || observed >= baseline.robust().min() || !beyondTheHistory(current, history, watch)
                || !alsoADropForItsKindOfDay(current, history, watch, sensitivity, baseline)) {
            return Optional.empty();
        }
        double ratio = z / deviations;
        String summary = String.format(Locale.ROOT,
                "Mentions of '%s' dropped: %s in %s, usually %s%s (%.1f robust deviations below).",
                current.watchId(), Summaries.number(observed), Summaries.window(current, watch.zone()),
                Summaries.number(expected), baseline.scope().phrase(), z);
        return Optional.of(new Detection(Presets.severity(ratio), METRIC, observed, expected, summary,
                Presets.score(ratio)));
    }

    /**
     * A count judged against every day's hour because the history holds too few of its weekday's or its kind of
     * day's must be a drop for its kind of day as well (working day or weekend): a brand talked about on working
     * days has quiet weekends, and until two weekends are in the history its Saturday would be judged against
     * working days. No drop on a kind of day the history has not seen yet (as {@link SilenceDetector} expects
     * nothing on a watch's first weekend day); then below half of that kind's usual, and below all of it.
     */
    private static boolean alsoADropForItsKindOfDay(WindowStats current, WindowHistory history, WatchProfile watch,
                                                    Sensitivity sensitivity, SeasonalBaseline baseline) {
        if (!watch.countData() || (baseline.scope() != SeasonalBaseline.Scope.SAME_HOUR
                && baseline.scope() != SeasonalBaseline.Scope.ALL_HOURS)) {
            return true;
        }
        RobustBaseline kind = SeasonalBaseline.sameKindOfDay(history, current.windowStart(), watch.zone(), METRIC,
                WindowStats::stories);
        return kind != null && kind.median() >= Presets.pick(sensitivity, 20, 10, 6)
                && current.stories() <= kind.median() / 2 && current.stories() < kind.min();
    }

    /** Whether no window of the history lay as far from its local time (ADR 0024). */
    private boolean beyondTheHistory(WindowStats current, WindowHistory history, WatchProfile watch) {
        return HistoryDeviations.of(history, watch.zone(), METRIC, WindowStats::stories, current.length(),
                        settings.weeklyMinWeeks(), settings.dailyMinDays(), watch.countData())
                .belowAll(current.windowStart(), current.stories());
    }
}
