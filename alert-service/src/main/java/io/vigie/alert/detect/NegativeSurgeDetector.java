package io.vigie.alert.detect;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Severity;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * Fires when a window holds far more negative mentions than the watch usually gets: the count must exceed the median
 * of the history by {@code deviations} robust standard deviations, and clear an absolute minimum count and share
 * so that sparse watches (a median of 0 or 1) do not alert on two unhappy customers.
 */
public class NegativeSurgeDetector implements Detector {

    public static final String NAME = "negative-surge";
    static final String METRIC = "negative_count";

    /** Counts of events vary by at least about one even when the history says they never do. */
    private static final double SIGMA_FLOOR = 1.0;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final AlertProperties.NegativeSurge settings;

    public NegativeSurgeDetector(AlertProperties.NegativeSurge settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Detection> evaluate(WindowStats current, WindowHistory history) {
        if (history.size() < settings.warmUpWindows()
                || current.negativeCount() < settings.minNegativeCount()
                || current.negativeShare() < settings.minNegativeShare()) {
            return Optional.empty();
        }
        RobustBaseline baseline = RobustBaseline.of(history.values(WindowStats::negativeCount));
        double threshold = Math.max(settings.minNegativeCount(),
                baseline.median() + settings.deviations() * baseline.sigma(SIGMA_FLOOR));
        double observed = current.negativeCount();
        if (observed < threshold) {
            return Optional.empty();
        }
        double ratio = observed / threshold;
        Severity severity = ratio >= 3 ? Severity.HIGH : ratio >= 1.5 ? Severity.MEDIUM : Severity.LOW;
        String summary = String.format(Locale.ROOT,
                "Negative mentions of '%s' surged: %d in the %d-min window from %s (%.0f%% of scored mentions),"
                        + " usually %s; alert threshold %.1f.",
                current.watchId(), current.negativeCount(), current.length().toMinutes(),
                TIME.format(current.windowStart()), 100 * current.negativeShare(),
                formatCount(baseline.median()), threshold);
        return Optional.of(new Detection(severity, METRIC, observed, baseline.median(), summary));
    }

    private static String formatCount(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
