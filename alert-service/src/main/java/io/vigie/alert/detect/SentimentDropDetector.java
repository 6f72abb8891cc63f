package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;

import java.util.Locale;
import java.util.Optional;

/**
 * Fires when the mean polarity of a window's rated mentions falls far below the watch's usual mean: the tone turns
 * even when the number of negative mentions stays modest. Needs enough rated mentions to mean something.
 */
public class SentimentDropDetector implements Detector {

    public static final String NAME = "sentiment-drop";
    static final String METRIC = "mean_sentiment";
    /** Earlier windows with fewer rated mentions say little about the usual tone. */
    private static final int MIN_RATED_IN_HISTORY = 3;
    private static final double SIGMA_FLOOR = 0.05;

    private final DetectionProperties settings;

    public SentimentDropDetector(DetectionProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Detection> evaluate(WindowStats current, WindowHistory history, WatchProfile watch,
                                        Sensitivity sensitivity) {
        if (history.size() < settings.warmUpWindows() || current.ratedCount() < Presets.pick(sensitivity, 20, 10, 6)) {
            return Optional.empty();
        }
        RobustBaseline baseline = history.remembered(METRIC);
        if (baseline == null) {
            double[] means = history.windows().stream().filter(w -> w.ratedCount() >= MIN_RATED_IN_HISTORY)
                    .mapToDouble(WindowStats::meanScore).toArray();
            if (means.length < settings.warmUpWindows() / 2) {
                return Optional.empty();
            }
            baseline = RobustBaseline.of(means);
            history.remember(METRIC, baseline);
        }
        double observed = current.meanScore();
        double drop = baseline.median() - observed;
        double deviations = Presets.pick(sensitivity, 6, 4, 3);
        double z = drop / baseline.sigma(SIGMA_FLOOR);
        if (drop < Presets.pick(sensitivity, 0.5, 0.3, 0.2) || z < deviations) {
            return Optional.empty();
        }
        double ratio = z / deviations;
        String summary = String.format(Locale.ROOT,
                "The tone about '%s' turned: mean sentiment %.2f over %d rated mentions in %s, usually %.2f.",
                current.watchId(), observed, current.ratedCount(), Summaries.window(current, watch.zone()),
                baseline.median());
        return Optional.of(new Detection(Presets.severity(ratio), METRIC, observed, baseline.median(), summary,
                Presets.score(ratio)));
    }
}
