package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What each local hour usually brings, on working days and on weekends, from the earlier days of that kind (none
 * yet: nothing is expected, so a watch's first weekend day is never called silent): the median of its total (a
 * burst on one day does not move it), and the share of its windows that had something. The history only holds
 * windows that had something, so the windows it lacks are the empty ones. That share keeps a source that delivers
 * in batches (twenty items every four hours, a rate of five an hour) from looking silent in between.
 *
 * @param workingDays Monday to Friday, local time
 * @param weekends    Saturday and Sunday
 */
record HourlyRates(Hours workingDays, Hours weekends) {

    /** Days since 1970-01-01 in local time. */
    static long localDay(Instant instant, ZoneRules rules) {
        return Math.floorDiv(instant.getEpochSecond() + rules.getOffset(instant).getTotalSeconds(), 86_400);
    }

    /** 1970-01-01 was a Thursday: + 3, modulo 7, is the ISO weekday from Monday = 0. */
    private static boolean isWeekend(long localDay) {
        return Math.floorMod(localDay + 3, 7) >= 5;
    }

    /** Per hour of the day: windows that had something, windows there were, median total. */
    record Hours(double[] filled, double[] slots, double[] medianTotal) {
    }

    static HourlyRates of(WindowHistory history, ZoneId zone, ToDoubleFunction<WindowStats> metric,
                          Duration length, long beforeDay) {
        List<WindowStats> windows = history.windows();
        // Local days and hours as the history computed them once for every detector.
        long[] localDays = history.localDays(zone);
        int[] hoursOfWeek = history.hoursOfWeek(zone);
        long firstDay = windows.isEmpty() ? beforeDay : localDays[0];
        int days = (int) Math.max(0, beforeDay - firstDay);
        double[][] totals = new double[days][24];
        double[][] filled = new double[days][24];
        for (int i = 0; i < localDays.length; i++) {
            long day = localDays[i];
            if (day >= beforeDay) {
                break;
            }
            double value = metric.applyAsDouble(windows.get(i));
            if (value > 0) {
                int hour = WindowHistory.hourOfDay(hoursOfWeek[i]);
                totals[(int) (day - firstDay)][hour] += value;
                filled[(int) (day - firstDay)][hour]++;
            }
        }
        double windowsPerHour = Math.max(1, Math.round(3600.0 / Math.max(1, length.toSeconds())));
        return new HourlyRates(hours(totals, filled, firstDay, false, windowsPerHour),
                hours(totals, filled, firstDay, true, windowsPerHour));
    }

    private static Hours hours(double[][] totals, double[][] filled, long firstDay, boolean weekend,
                               double windowsPerHour) {
        List<Integer> days = new ArrayList<>();
        for (int d = 0; d < totals.length; d++) {
            if (isWeekend(firstDay + d) == weekend) {
                days.add(d);
            }
        }
        Hours hours = new Hours(new double[24], new double[24], new double[24]);
        double[] column = new double[days.size()];
        for (int hour = 0; hour < 24; hour++) {
            for (int i = 0; i < column.length; i++) {
                column[i] = totals[days.get(i)][hour];
                hours.filled()[hour] += filled[days.get(i)][hour];
            }
            hours.slots()[hour] = days.size() * windowsPerHour;
            hours.medianTotal()[hour] = column.length == 0 ? 0 : RobustBaseline.median(column);
        }
        return hours;
    }

    /**
     * The log of the chance that a window starting at {@code instant} is empty: as if its mentions came at random
     * at its hour's usual rate (Poisson), unless that hour's windows were more often empty than that (a source
     * that delivers in batches), then that share.
     */
    double logChanceOfEmpty(Instant instant, ZoneRules rules, Duration length) {
        Hours hours = of(instant, rules);
        int hour = hourOfDay(instant, rules);
        double slots = hours.slots()[hour];
        double emptyShare = slots == 0 ? 1 : Math.max(0, 1 - hours.filled()[hour] / slots);
        return Math.max(-usualPerWindow(instant, rules, length), Math.log(emptyShare));
    }

    double usualPerWindow(Instant instant, ZoneRules rules, Duration length) {
        return of(instant, rules).medianTotal()[hourOfDay(instant, rules)] * length.toSeconds() / 3600.0;
    }

    private Hours of(Instant instant, ZoneRules rules) {
        return isWeekend(localDay(instant, rules)) ? weekends : workingDays;
    }

    private static int hourOfDay(Instant instant, ZoneRules rules) {
        return WindowHistory.hourOfDay(WindowHistory.hourOfWeek(instant, rules));
    }
}

