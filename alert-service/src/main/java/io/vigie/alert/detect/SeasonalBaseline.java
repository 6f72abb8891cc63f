package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The baseline of a metric for a window at a given local time: the earlier windows at the same hour of the same
 * weekday in the watch's time zone (a Monday 9:00 Paris window against earlier Monday 9:00 Paris windows, whatever
 * the DST offset), else (counts in windows of 30 min or more) at the same hour on the same kind of day, working day
 * or weekend, with the hours on either side while the hour alone is too few, else at the same hour of any day, else
 * all of them, whichever is the narrowest with enough history. Median and MAD, so one past crisis does not raise the
 * bar.
 *
 * <p>The kind of day stands in for the weekday where two weeks of history can never give the same hour of the same
 * weekday enough windows (two per weekday for hourly windows): without it, a Saturday 9:00 of a brand that people
 * talk about on working days is judged against working days' 9:00 and looks like a drop. It is kept to counts
 * (mentions, which follow people's week): on machine metrics it cost NAB points (alert-service README).
 *
 * @param robust      median and spread
 * @param scope       which earlier windows it was computed from
 * @param samples     how many
 * @param spreadFloor for a weekday's or a kind of day's hour, the same hour on every day, whose spread is the least
 *                    this one's may be; null otherwise
 */
public record SeasonalBaseline(RobustBaseline robust, Scope scope, int samples, RobustBaseline spreadFloor) {

    /** Which earlier windows a baseline compares with, as the summary says it. */
    public enum Scope {
        SAME_HOUR_AND_WEEKDAY(" at this hour on this weekday"),
        SAME_HOUR_ON_WEEKENDS(" at this hour on weekends"),
        SAME_HOUR_ON_WORKING_DAYS(" at this hour on working days"),
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
     * @param countData      whether the metric counts mentions (the kind of day then applies)
     * @return the baseline, or null when the history is empty
     */
    static SeasonalBaseline of(WindowHistory history, Instant at, ZoneId zone, String metricName,
                               ToDoubleFunction<WindowStats> metric, Duration windowLength, int weeklyMinWeeks,
                               int dailyMinDays, boolean countData) {
        if (history.size() == 0) {
            return null;
        }
        BaselineScopes scopes = BaselineScopes.of(windowLength, weeklyMinWeeks, dailyMinDays, countData);
        int target = WindowHistory.hourOfWeek(at, zone.getRules());
        int targetHour = WindowHistory.hourOfDay(target);
        boolean weekend = isWeekend(target);
        IntPredicate sameKind = hour -> isWeekend(hour) == weekend && WindowHistory.hourOfDay(hour) == targetHour;
        IntPredicate nearKind = nearKindOfDay(weekend, targetHour);
        // Counted once per history for every target: detectors ask for many targets per evaluation (slow-climb
        // 48), and a pass over two weeks of windows for each was most of the baselines' cost.
        ScopeSizes sizes = ScopeSizes.of(history, zone);
        int weekly = sizes.weekly[target];
        int daily = sizes.daily[targetHour];
        int kind = sizes.kind[kindOfDay(weekend, targetHour)];
        int nearbyKind = sizes.nearbyKind[kindOfDay(weekend, targetHour)];
        // The windows of one weekday's hour (or one kind of day's) come in a few runs of neighbours, two weeks'
        // worth of Monday 9:00-10:00 being two runs of twelve 5-min windows: their spread says little of how far
        // the next run may be, so it is never taken below the spread of the same hour on every day.
        SeasonalBaseline sameHour = daily >= scopes.dailyMin() ? memoised(history, zone, metricName + "|d" + targetHour,
                Scope.SAME_HOUR, daily, hour -> WindowHistory.hourOfDay(hour) == targetHour,
                () -> history.valuesAtHourOfDay(metric, zone, targetHour)) : null;
        RobustBaseline sameHourSpread = sameHour == null ? null : sameHour.robust();
        Scope kindScope = kindOfDayScope(weekend);
        String kindKey = kindOfDayKey(metricName, weekend, targetHour);
        return switch (scopes.choose(weekly, kind, nearbyKind, daily)) {
            case WEEKDAY_HOUR -> memoised(history, zone, metricName + "|w" + target, Scope.SAME_HOUR_AND_WEEKDAY,
                    weekly, hour -> hour == target, metric).withSpreadFloor(sameHourSpread);
            case KIND_OF_DAY_HOUR -> memoised(history, zone, kindKey, kindScope, kind, sameKind, metric)
                    .withSpreadFloor(sameHourSpread);
            case KIND_OF_DAY_NEAR_HOURS -> memoised(history, zone, kindKey + "~", kindScope, nearbyKind, nearKind,
                    metric).withSpreadFloor(sameHourSpread);
            case HOUR -> sameHour;
            case ALL -> memoised(history, zone, metricName + "|a", Scope.ALL_HOURS, history.size(), hour -> true,
                    () -> history.values(metric));
        };
    }

    /**
     * For a count judged against every day's hour (or all hours): the windows of the same kind of day as {@code at}
     * (working day or weekend), its hour or the hours on either side, however few. Empty when the history spans no
     * earlier day of that kind at that hour: a watch's first weekend has nothing to be judged against but working
     * days. The history holds only windows that had something, so days of that kind without any window give an
     * empty array too.
     *
     * @param metricName names {@code metric} for the memo of the history (one name, one metric)
     * @return the baseline, or null when the history spans no such day or holds no window of it
     */
    static RobustBaseline sameKindOfDay(WindowHistory history, Instant at, ZoneId zone, String metricName,
                                        ToDoubleFunction<WindowStats> metric) {
        if (history.size() == 0) {
            return null;
        }
        int target = WindowHistory.hourOfWeek(at, zone.getRules());
        int targetHour = WindowHistory.hourOfDay(target);
        boolean weekend = isWeekend(target);
        if (!spansEarlierDayOfKind(history.windows().get(0).windowStart(), at, zone, weekend, targetHour)) {
            return null;
        }
        IntPredicate nearKind = nearKindOfDay(weekend, targetHour);
        ScopeSizes sizes = ScopeSizes.of(history, zone);
        int windows = sizes.nearbyKind[kindOfDay(weekend, targetHour)];
        if (windows == 0) {
            return null;
        }
        return memoised(history, zone, kindOfDayKey(metricName, weekend, targetHour) + "~", kindOfDayScope(weekend),
                windows, nearKind, metric).robust();
    }

    /** How many windows of the history start at each local hour of the day (0-23), counted once per history. */
    static int[] windowsPerHourOfDay(WindowHistory history, ZoneId zone) {
        return ScopeSizes.of(history, zone).daily();
    }

    /**
     * How many windows of the history each scope holds: per hour of the week, per hour of the day, per hour of a kind
     * of day (working days 0-23, weekends 24-47) and per such hour with the hours on either side.
     */
    private record ScopeSizes(int[] weekly, int[] daily, int[] kind, int[] nearbyKind) {

        static ScopeSizes of(WindowHistory history, ZoneId zone) {
            return history.derived("scope-sizes", zone, () -> of(history.windowsPerHourOfWeek(zone)));
        }

        private static ScopeSizes of(int[] perHourOfWeek) {
            int[] daily = new int[24];
            int[] kind = new int[48];
            for (int hour = 0; hour < perHourOfWeek.length; hour++) {
                daily[WindowHistory.hourOfDay(hour)] += perHourOfWeek[hour];
                kind[kindOfDay(isWeekend(hour), WindowHistory.hourOfDay(hour))] += perHourOfWeek[hour];
            }
            int[] nearbyKind = new int[48];
            for (int k = 0; k < 48; k++) {
                int hour = k % 24;
                int day = k - hour;
                nearbyKind[k] = kind[day + (hour + 23) % 24] + kind[k] + kind[day + (hour + 1) % 24];
            }
            return new ScopeSizes(perHourOfWeek, daily, kind, nearbyKind);
        }
    }

    /** Index of an hour of a kind of day: working days 0-23, weekends 24-47. */
    private static int kindOfDay(boolean weekend, int hourOfDay) {
        return (weekend ? 24 : 0) + hourOfDay;
    }

    /** The hours of the week on the same kind of day as the target, at its hour or the hours on either side. */
    private static IntPredicate nearKindOfDay(boolean weekend, int targetHour) {
        return hour -> isWeekend(hour) == weekend && hoursApart(WindowHistory.hourOfDay(hour), targetHour) <= 1;
    }

    private static Scope kindOfDayScope(boolean weekend) {
        return weekend ? Scope.SAME_HOUR_ON_WEEKENDS : Scope.SAME_HOUR_ON_WORKING_DAYS;
    }

    /** The memo key of a kind of day's hour; the same baselines whichever detector asks. */
    private static String kindOfDayKey(String metricName, boolean weekend, int targetHour) {
        return metricName + (weekend ? "|e" : "|k") + targetHour;
    }

    /** Whether some local day from the history's first window up to {@code at} had this kind and this hour. */
    private static boolean spansEarlierDayOfKind(Instant first, Instant at, ZoneId zone, boolean weekend,
                                                 int hourOfDay) {
        LocalDateTime firstLocal = LocalDateTime.ofInstant(first, zone);
        LocalDate atDay = LocalDate.ofInstant(at, zone);
        for (LocalDate day = firstLocal.toLocalDate(); day.isBefore(atDay); day = day.plusDays(1)) {
            boolean dayIsWeekend = day.getDayOfWeek().getValue() >= 6;
            boolean hourCovered = day.isAfter(firstLocal.toLocalDate()) || firstLocal.getHour() <= hourOfDay;
            if (dayIsWeekend == weekend && hourCovered) {
                return true;
            }
        }
        return false;
    }

    /** Saturday and Sunday (hour of the week from Monday 0:00). */
    private static boolean isWeekend(int hourOfWeek) {
        return hourOfWeek >= 5 * 24;
    }

    /** Distance between two hours of the day, around midnight: 23:00 and 0:00 are one hour apart. */
    private static int hoursApart(int hourOfDay, int otherHourOfDay) {
        int apart = Math.abs(hourOfDay - otherHourOfDay);
        return Math.min(apart, 24 - apart);
    }

    /** The baseline of the windows at the hours that pass {@code hours}: once per history, or taken over. */
    private static SeasonalBaseline memoised(WindowHistory history, ZoneId zone, String key, Scope scope, int samples,
                                             IntPredicate hours, ToDoubleFunction<WindowStats> metric) {
        return memoised(history, zone, key, scope, samples, hours, () -> history.valuesAtHours(metric, zone, hours));
    }

    private static SeasonalBaseline memoised(WindowHistory history, ZoneId zone, String key, Scope scope, int samples,
                                             IntPredicate hours, Supplier<double[]> values) {
        return new SeasonalBaseline(history.baselineAtHours(key, zone, hours, values), scope, samples, null);
    }

    private SeasonalBaseline withSpreadFloor(RobustBaseline floor) {
        return new SeasonalBaseline(robust, scope, samples, floor);
    }

    public double median() {
        return robust.median();
    }

    /** The spread, at least one mention for counts (sparse counts often have a MAD of 0). */
    public double sigma(boolean countData) {
        double floor = countData ? 1.0 : Math.max(1e-9, 1e-3 * Math.abs(robust.median()));
        // The floor's MAD only: where most days are equal (MAD 0), its mean deviation is the rhythm itself (a Monday
        // peak among quiet days), not noise.
        return spreadFloor == null ? robust.sigma(floor) : Math.max(robust.sigma(floor), spreadFloor.madSigma());
    }
}
