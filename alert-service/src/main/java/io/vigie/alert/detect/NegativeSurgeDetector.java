package io.vigie.alert.detect;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Fires when a window holds far more negative mentions than the watch usually gets: the count must exceed the median
 * of the history by {@code deviations} robust standard deviations, and clear an absolute minimum count and share
 * so that sparse watches (a median of 0 or 1) do not alert on two unhappy customers. Medium is the configured
 * {@code vigie.alert.negative-surge}; low asks for more, high for less.
 */
public class NegativeSurgeDetector implements Detector {

    public static final String NAME = "negative-surge";
    /** The window length the count settings are meant for. */
    static final Duration REFERENCE_WINDOW = Duration.ofMinutes(15);
    static final String METRIC = "negative_count";

    /** Counts of events vary by at least about one even when the history says they never do. */
    private static final double SIGMA_FLOOR = 1.0;

    private final AlertProperties.NegativeSurge settings;

    public NegativeSurgeDetector(AlertProperties.NegativeSurge settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Detection> evaluate(WindowStats current, WindowHistory history, WatchProfile watch,
                                        Sensitivity sensitivity) {
        double minCount = Math.ceil(settings.minNegativeCount() * Presets.pick(sensitivity, 1.5, 1, 0.67)
                * lengthFactor(current.length()));
        double minShare = settings.minNegativeShare() + Presets.pick(sensitivity, 0.1, 0, -0.1);
        double deviations = settings.deviations() * Presets.pick(sensitivity, 1.5, 1, 0.75);
        if (history.size() < settings.warmUpWindows()
                || current.negativeCount() < minCount
                || current.negativeShare() < minShare) {
            return Optional.empty();
        }
        RobustBaseline baseline = history.remembered(METRIC);
        if (baseline == null) {
            baseline = RobustBaseline.of(history.values(WindowStats::negativeCount));
            history.remember(METRIC, baseline);
        }
        double threshold = Math.max(minCount, baseline.median() + deviations * baseline.sigma(SIGMA_FLOOR));
        double observed = current.negativeCount();
        if (observed < threshold) {
            return Optional.empty();
        }
        double ratio = observed / threshold;
        String summary = String.format(Locale.ROOT,
                "Negative mentions of '%s' surged: %d in %s (%.0f%% of scored mentions), usually %s;"
                        + " alert threshold %.1f.",
                current.watchId(), current.negativeCount(), Summaries.window(current, watch.zone()),
                100 * current.negativeShare(), Summaries.number(baseline.median()), threshold);
        return Optional.of(new Detection(Presets.severity(ratio), METRIC, observed, baseline.median(), summary,
                Presets.score(ratio)));
    }

    /**
     * The minimum count is set for 15-minute windows. Longer windows hold more ordinary negatives (the demo's quiet
     * days reach 7 in an hour), so the floor grows with the square root of the length, as the spread of a count does.
     */
    static double lengthFactor(Duration length) {
        return Math.max(1, Math.sqrt((double) length.toSeconds() / REFERENCE_WINDOW.toSeconds()));
    }
}
