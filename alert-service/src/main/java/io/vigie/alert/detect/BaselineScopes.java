package io.vigie.alert.detect;

import java.time.Duration;

/**
 * Which earlier windows a window is judged against, from how many of them each scope holds: the same hour of the same
 * weekday, else (counts in windows of 30 min or more) the same hour on the same kind of day, then with the hours on
 * either side, else the same hour of any day, else all windows. One rule for {@link SeasonalBaseline} (the baseline
 * of the window judged) and {@link HistoryDeviations} (the baselines of the history's windows), so the two never
 * drift apart.
 *
 * @param weeklyMin   windows the same hour of the same weekday needs
 * @param dailyMin    windows the same hour (of any day, or of a kind of day) needs
 * @param byKindOfDay whether the kind of day applies: counts, in windows too long for two weeks to give one weekday's
 *                    hour {@link #MIN_SAMPLES} windows
 */
record BaselineScopes(long weeklyMin, long dailyMin, boolean byKindOfDay) {

    /**
     * Fewer windows than this make a median and a MAD too noisy to page anyone on, however long the windows (a
     * lower bar for hourly windows cost 9 NAB points on the tuning families).
     */
    static final int MIN_SAMPLES = 8;

    enum Choice { WEEKDAY_HOUR, KIND_OF_DAY_HOUR, KIND_OF_DAY_NEAR_HOURS, HOUR, ALL }

    static BaselineScopes of(Duration windowLength, int weeklyMinWeeks, int dailyMinDays, boolean countData) {
        long perHour = Math.max(1, Duration.ofHours(1).toSeconds() / Math.max(1, windowLength.toSeconds()));
        return new BaselineScopes(Math.max(MIN_SAMPLES, weeklyMinWeeks * perHour),
                Math.max(MIN_SAMPLES, dailyMinDays * perHour), countData && weeklyMinWeeks * perHour < MIN_SAMPLES);
    }

    /**
     * @param weekly         windows at the same hour of the same weekday
     * @param kind           at the same hour on the same kind of day
     * @param nearbyKind     at that hour or the hours on either side on the same kind of day (0 to leave them out)
     * @param daily          at the same hour of any day
     */
    Choice choose(long weekly, long kind, long nearbyKind, long daily) {
        if (weekly >= weeklyMin) {
            return Choice.WEEKDAY_HOUR;
        }
        if (byKindOfDay && kind >= dailyMin) {
            return Choice.KIND_OF_DAY_HOUR;
        }
        if (byKindOfDay && nearbyKind >= dailyMin) {
            return Choice.KIND_OF_DAY_NEAR_HOURS;
        }
        return daily >= dailyMin ? Choice.HOUR : Choice.ALL;
    }
}
