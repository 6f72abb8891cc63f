package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The baseline of a metric for a window at a given local time: the earlier windows at the same hour of the same
 * weekday in the watch's time zone (a Monday 9:00 Paris window against earlier Monday 9:00 Paris windows, whatever
 * the DST offset), else at the same hour of any day, else all of them, whichever is the narrowest with enough
 * history. Median and MAD, so one past crisis does not raise the bar.
 *
 * @param robust  median and spread
 * @param scope   which earlier windows it was computed from
 * @param samples how many
 */
public record SeasonalBaseline(RobustBaseline robust, Scope scope, int samples) {

    /**
     * Fewer windows than this make a median and a MAD too noisy to page anyone on, however long the windows (a
     * lower bar for hourly windows cost 9 NAB points on the tuning families).
     */
    private static final int MIN_SAMPLES = 8;

    /** Which earlier windows a baseline compares with, as the summary says it. */
    public enum Scope {
        SAME_HOUR_AND_WEEKDAY(" at this hour on this weekday"),
        SAME_HOUR(" at this hour"),
        ALL_HOURS("");

        private final String phrase;

        Scope(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    /**
     * @param metricName     names {@code metric} for the memo of the history (one name, one metric)
     * @param weeklyMinWeeks weeks of history the same hour of the same weekday needs to be the baseline
     * @param dailyMinDays   days of history the same hour needs to be the baseline
     * @return the baseline, or null when the history is empty
     */
    static SeasonalBaseline of(WindowHistory history, Instant at, ZoneId zone, String metricName,
                               ToDoubleFunction<WindowStats> metric, Duration windowLength, int weeklyMinWeeks,
                               int dailyMinDays) {
        if (history.size() == 0) {
            return null;
        }
        long perHour = Math.max(1, Duration.ofHours(1).toSeconds() / Math.max(1, windowLength.toSeconds()));
        long weeklyMinSamples = Math.max(MIN_SAMPLES, weeklyMinWeeks * perHour);
        long dailyMinSamples = Math.max(MIN_SAMPLES, dailyMinDays * perHour);
        int[] hours = history.hoursOfWeek(zone);
        int target = WindowHistory.hourOfWeek(at, zone.getRules());
        int targetHour = WindowHistory.hourOfDay(target);
        int weekly = 0;
        int daily = 0;
        for (int hour : hours) {
            if (hour == target) {
                weekly++;
            }
            if (WindowHistory.hourOfDay(hour) == targetHour) {
                daily++;
            }
        }
        if (weekly >= weeklyMinSamples) {
            return memoised(history, metricName + "|w" + target, Scope.SAME_HOUR_AND_WEEKDAY, weekly,
                    () -> history.values(metric, i -> hours[i] == target));
        }
        if (daily >= dailyMinSamples) {
            return memoised(history, metricName + "|d" + targetHour, Scope.SAME_HOUR, daily,
                    () -> history.values(metric, i -> WindowHistory.hourOfDay(hours[i]) == targetHour));
        }
        return memoised(history, metricName + "|a", Scope.ALL_HOURS, history.size(), () -> history.values(metric));
    }

    private static SeasonalBaseline memoised(WindowHistory history, String key, Scope scope, int samples,
                                             Supplier<double[]> values) {
        RobustBaseline robust = history.remembered(key);
        if (robust == null) {
            robust = RobustBaseline.of(values.get());
            history.remember(key, robust);
        }
        return new SeasonalBaseline(robust, scope, samples);
    }

    public double median() {
        return robust.median();
    }

    /** The spread, at least one mention for counts (sparse counts often have a MAD of 0). */
    public double sigma(boolean countData) {
        return robust.sigma(countData ? 1.0 : Math.max(1e-9, 1e-3 * Math.abs(robust.median())));
    }
}
