package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Severity;

import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Fires when a finished window has no mention at all, or none from a source, although this hour usually brings
 * several: a connector down, a token expired, a watch gone quiet. Mentions only; callable with an empty window, so
 * the stream can check windows that never received a mention.
 */
public class SilenceDetector implements Detector {

    public static final String NAME = "silence";
    static final String METRIC = "mentions";
    /** How far back the sources worth watching are looked for. */
    private static final int RECENT_WINDOWS = 96;

    private final DetectionProperties settings;

    public SilenceDetector(DetectionProperties settings) {
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
        if (!watch.countData() || history.size() < settings.warmUpWindows()) {
            return Optional.empty();
        }
        double minExpected = Presets.pick(sensitivity, 8, 4, 2);
        if (current.volume() == 0) {
            SeasonalBaseline baseline = SeasonalBaseline.of(history, current.windowStart(), watch.zone(), METRIC,
                    WindowStats::volume, current.length(), settings.weeklyMinWeeks(), settings.dailyMinDays());
            if (baseline.median() >= minExpected) {
                return Optional.of(detection(current, watch, "no mention of '" + current.watchId() + "'",
                        baseline, minExpected));
            }
            return Optional.empty();
        }
        TreeSet<String> sources = new TreeSet<>();
        var windows = history.windows();
        windows.subList(Math.max(0, windows.size() - RECENT_WINDOWS), windows.size())
                .forEach(window -> sources.addAll(window.bySource().keySet()));
        for (String source : sources) {
            if (current.bySource().getOrDefault(source, 0L) > 0) {
                continue;
            }
            SeasonalBaseline baseline = SeasonalBaseline.of(history, current.windowStart(), watch.zone(),
                    METRIC + ":" + source, window -> window.bySource().getOrDefault(source, 0L),
                    current.length(), settings.weeklyMinWeeks(), settings.dailyMinDays());
            if (baseline.median() >= minExpected) {
                return Optional.of(detection(current, watch, "no mention of '" + current.watchId() + "' from source '"
                        + source + "'", baseline, minExpected));
            }
        }
        return Optional.empty();
    }

    private static Detection detection(WindowStats current, WatchProfile watch, String what, SeasonalBaseline baseline,
                                       double minExpected) {
        double ratio = baseline.median() / minExpected;
        String summary = String.format(Locale.ROOT, "Silence: %s in %s, usually %s%s.", what,
                Summaries.window(current, watch.zone()), Summaries.number(baseline.median()), baseline.scope().phrase());
        Severity severity = ratio >= 3 ? Severity.MEDIUM : Severity.LOW;
        return new Detection(severity, METRIC, 0, baseline.median(), summary, Presets.score(ratio));
    }
}
