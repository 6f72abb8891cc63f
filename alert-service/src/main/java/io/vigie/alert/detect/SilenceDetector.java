package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Fires when a watch, or one of its sources, has had no mention for so long that chance can no longer explain it: a
 * connector down, a token expired, a watch gone quiet. It looks at the empty windows in a row up to this one: if
 * mentions came at random at the usual rate of their local hours ({@link HourlyRates}), so long a run would have a
 * chance below 1e-6 (medium; 1e-8 low, 1e-4 high): about 14 mentions expected and none came. One empty window of a
 * watch that usually gets four mentions is a 2 % event, which a busy watch meets every day: judging single windows
 * paged people for nothing. Where the history shows empty windows coming in runs more often than chance (mentions
 * in spells: threads, news cycles), each empty window after the first is as likely as the history says
 * ({@link EmptySpells}).
 * Mentions only; callable with an empty window, so the stream can check windows that never received a mention.
 */
public class SilenceDetector implements Detector {

    public static final String NAME = "silence";
    static final String METRIC = "mentions";
    /** How far back the sources worth watching, and the start of a silence, are looked for. */
    private static final int RECENT_WINDOWS = 96;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

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
        if (current.volume() == 0) {
            return silence(current, history, watch, sensitivity, METRIC, WindowStats::volume,
                    "no mention of '" + current.watchId() + "'");
        }
        TreeSet<String> sources = new TreeSet<>();
        List<WindowStats> windows = history.windows();
        windows.subList(Math.max(0, windows.size() - RECENT_WINDOWS), windows.size())
                .forEach(window -> sources.addAll(window.bySource().keySet()));
        for (String source : sources) {
            if (current.bySource().getOrDefault(source, 0L) > 0) {
                continue;
            }
            Optional<Detection> silence = silence(current, history, watch, sensitivity, METRIC + ":" + source,
                    window -> window.bySource().getOrDefault(source, 0L),
                    "no mention of '" + current.watchId() + "' from source '" + source + "'");
            if (silence.isPresent()) {
                return silence;
            }
        }
        return Optional.empty();
    }

    private Optional<Detection> silence(WindowStats current, WindowHistory history, WatchProfile watch,
                                        Sensitivity sensitivity, String metricName,
                                        ToDoubleFunction<WindowStats> metric, String what) {
        double threshold = Math.log(Presets.pick(sensitivity, 1e-8, 1e-6, 1e-4));
        Duration length = current.length();
        Instant runStart = runStart(current, history, metric);
        ZoneRules rules = watch.zone().getRules();
        long today = HourlyRates.localDay(runStart, rules);
        HourlyRates rates = history.derived("silence|" + metricName + "|" + length + "|" + today, watch.zone(),
                () -> HourlyRates.of(history, watch.zone(), metric, length, today));
        double logChance = 0;
        double expected = 0;
        for (Instant start = runStart; !start.isAfter(current.windowStart()); start = start.plus(length)) {
            logChance += rates.logChanceOfEmpty(start, rules, length);
            expected += rates.usualPerWindow(start, rules, length);
        }
        if (logChance > threshold) {
            return Optional.empty();
        }
        // Improbable if windows were independent; mentions that come in spells make an empty window likelier after
        // an empty one, as often as the history shows (counted only now: most evaluations stop above).
        EmptySpells spells = history.derived("silence-spells|" + metricName + "|" + length + "|" + runStart,
                watch.zone(), () -> EmptySpells.of(history, rules, metric, length, runStart));
        logChance = 0;
        for (Instant start = runStart; !start.isAfter(current.windowStart()); start = start.plus(length)) {
            double alone = rates.logChanceOfEmpty(start, rules, length);
            logChance += start.equals(runStart) ? alone : spells.logChanceAfterEmpty(start, rules, alone);
        }
        if (logChance > threshold) {
            return Optional.empty();
        }
        double ratio = logChance / threshold;
        String summary = String.format(Locale.ROOT,
                "Silence: %s since %s %s (%d min), when about %s were expected at these hours; by chance so many"
                        + " empty windows in a row would happen less than once in %s.",
                what, TIME.format(runStart.atZone(watch.zone())), watch.zone().getId(),
                Duration.between(runStart, current.windowEnd()).toMinutes(), Summaries.number(Math.round(expected)),
                String.format(Locale.ROOT, "%,d", Math.round(Math.exp(-threshold))));
        Severity severity = ratio >= 3 ? Severity.MEDIUM : Severity.LOW;
        return Optional.of(new Detection(severity, METRIC, 0, Math.round(expected), summary, Presets.score(ratio)));
    }

    /**
     * Start of the empty windows in a row that end with {@code current}: the end of the last earlier window with
     * something, at most {@link #RECENT_WINDOWS} windows back.
     */
    private static Instant runStart(WindowStats current, WindowHistory history, ToDoubleFunction<WindowStats> metric) {
        Instant earliest = current.windowStart().minus(current.length().multipliedBy(RECENT_WINDOWS - 1));
        List<WindowStats> windows = history.windows();
        for (int i = windows.size() - 1; i >= 0; i--) {
            WindowStats window = windows.get(i);
            if (window.windowEnd().isBefore(earliest)) {
                break;
            }
            if (metric.applyAsDouble(window) > 0 && window.windowStart().isBefore(current.windowStart())) {
                Instant end = window.windowEnd();
                return end.isAfter(current.windowStart()) ? current.windowStart() : end;
            }
        }
        return earliest;
    }
}
