package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;

import java.util.Locale;
import java.util.Optional;

/**
 * Fires on one negative mention from an account with a large audience: at least {@code high-reach} followers
 * (medium), and twice the widest-read negative mention of the history (medium), so a watch that is often
 * criticised by big media is not paged for each article.
 */
public class HighReachNegativeDetector implements Detector {

    public static final String NAME = "high-reach-negative";
    static final String METRIC = "max_negative_reach";
    private static final String USUAL_KEY = "max_negative_reach|max";

    private final DetectionProperties settings;

    public HighReachNegativeDetector(DetectionProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Detection> evaluate(WindowStats current, WindowHistory history, WatchProfile watch,
                                        Sensitivity sensitivity) {
        double observed = current.maxNegativeReach();
        double minReach = settings.highReach() * Presets.pick(sensitivity, 4, 1, 0.2);
        if (!watch.countData() || history.size() < settings.warmUpWindows() || observed < minReach) {
            return Optional.empty();
        }
        RobustBaseline usual = history.remembered(USUAL_KEY);
        if (usual == null) {
            double widest = history.windows().stream().mapToDouble(WindowStats::maxNegativeReach).max().orElse(0);
            usual = new RobustBaseline(widest, 0, 0, widest, widest);
            history.remember(USUAL_KEY, usual);
        }
        double threshold = Math.max(minReach, usual.median() * Presets.pick(sensitivity, 3, 2, 1.5));
        if (observed < threshold) {
            return Optional.empty();
        }
        double ratio = observed / threshold;
        String summary = String.format(Locale.ROOT,
                "A negative mention of '%s' from an account with %s followers in %s; the widest-read negative"
                        + " mention of the history reached %s.",
                current.watchId(), Summaries.number(observed), Summaries.window(current, watch.zone()),
                Summaries.number(usual.median()));
        return Optional.of(new Detection(Presets.severity(ratio), METRIC, observed, usual.median(), summary,
                Presets.score(ratio)));
    }
}
