package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;

import java.util.Locale;
import java.util.Optional;

/**
 * Fires when crisis vocabulary (boycott, scandale, rappel produit, data breach, class action, ... and the watch's own
 * terms) appears in several mentions of a window, in a good share of them and far more than usual: one article
 * quoting "scandale" in a busy window is not a crisis, a dozen posts about a boycott are.
 */
public class CrisisTermsDetector implements Detector {

    public static final String NAME = "crisis-terms";
    static final String METRIC = "crisis_term_mentions";
    private static final double SIGMA_FLOOR = 1.0;

    private final DetectionProperties settings;

    public CrisisTermsDetector(DetectionProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Detection> evaluate(WindowStats current, WindowHistory history, WatchProfile watch,
                                        Sensitivity sensitivity) {
        double hits = current.crisisTermHits();
        double minHits = Presets.pick(sensitivity, 6, 3, 2);
        if (!watch.countData() || history.size() < settings.warmUpWindows() || hits < minHits
                || hits / Math.max(1, current.volume()) < Presets.pick(sensitivity, 0.3, 0.15, 0.1)) {
            return Optional.empty();
        }
        RobustBaseline baseline = history.remembered(METRIC);
        if (baseline == null) {
            baseline = RobustBaseline.of(history.values(WindowStats::crisisTermHits));
            history.remember(METRIC, baseline);
        }
        double threshold = Math.max(minHits,
                baseline.median() + Presets.pick(sensitivity, 6, 4, 3) * baseline.sigma(SIGMA_FLOOR));
        if (hits < threshold) {
            return Optional.empty();
        }
        double ratio = hits / threshold;
        String summary = String.format(Locale.ROOT,
                "Crisis vocabulary around '%s': %s of %s mentions in %s use terms such as boycott, scandal or"
                        + " data breach, usually %s.",
                current.watchId(), Summaries.number(hits), Summaries.number(current.volume()),
                Summaries.window(current, watch.zone()), Summaries.number(baseline.median()));
        return Optional.of(new Detection(Presets.severity(ratio), METRIC, hits, baseline.median(), summary,
                Presets.score(ratio)));
    }
}
