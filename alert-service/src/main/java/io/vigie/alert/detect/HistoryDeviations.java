package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.ToDoubleFunction;

/**
 * How far each window of the history lay from the median of its own local time, in robust deviations, and the
 * extremes of those deviations: how unusual the most unusual window of the history was, its rhythm set aside. A
 * spike or a drop is paged only when it goes beyond them (ADR 0024): a threshold in robust deviations alone is crossed
 * again and again by a metric whose noise has heavy tails, while a new extreme of the whole history happens by chance
 * about once in as many windows as it holds, whatever the shape of the noise.
 *
 * <p>A window's local time is judged by the same rule as in {@link SeasonalBaseline} ({@link BaselineScopes}),
 * without the neighbouring hours: the same hour of the same weekday where the history holds enough of them, else
 * (counts in windows of 30 min or more) the same hour on the same kind of day, else the same hour of the day, else
 * all windows; so a weekly peak is not an extreme that would hide a spike on another day.
 */
final class HistoryDeviations {

    private final ZoneId zone;
    private final double[] medianAt = new double[WindowHistory.HOURS_PER_WEEK];
    private final double[] sigmaAt = new double[WindowHistory.HOURS_PER_WEEK];
    private final double highest;
    private final double lowest;

    private HistoryDeviations(WindowHistory history, ZoneId zone, ToDoubleFunction<WindowStats> metric,
                              Duration windowLength, int weeklyMinWeeks, int dailyMinDays, boolean countData) {
        this.zone = zone;
        double[] values = history.values(metric);
        int[] hours = history.hoursOfWeek(zone);
        RobustBaseline all = RobustBaseline.of(values);
        double floor = countData ? 1.0 : Math.max(1e-9, 1e-3 * Math.abs(all.median()));
        BaselineScopes scopes = BaselineScopes.of(windowLength, weeklyMinWeeks, dailyMinDays, countData);
        int[] weekly = history.windowsPerHourOfWeek(zone);
        int[] kind = new int[48];
        int[] daily = new int[24];
        for (int hour = 0; hour < WindowHistory.HOURS_PER_WEEK; hour++) {
            kind[kindOfDay(hour)] += weekly[hour];
            daily[WindowHistory.hourOfDay(hour)] += weekly[hour];
        }
        RobustBaseline[] byKind = new RobustBaseline[48];
        RobustBaseline[] byHour = new RobustBaseline[24];
        for (int hour = 0; hour < WindowHistory.HOURS_PER_WEEK; hour++) {
            int target = hour;
            int k = kindOfDay(hour);
            int h = WindowHistory.hourOfDay(hour);
            // Without the hours on either side: each window is judged at its own hour.
            RobustBaseline baseline = switch (scopes.choose(weekly[hour], kind[k], 0, daily[h])) {
                case WEEKDAY_HOUR -> RobustBaseline.of(history.valuesAtHours(metric, zone, at -> at == target));
                case KIND_OF_DAY_HOUR, KIND_OF_DAY_NEAR_HOURS -> {
                    if (byKind[k] == null) {
                        byKind[k] = RobustBaseline.of(history.valuesAtHours(metric, zone, at -> kindOfDay(at) == k));
                    }
                    yield byKind[k];
                }
                case HOUR -> {
                    if (byHour[h] == null) {
                        byHour[h] = RobustBaseline.of(
                                history.valuesAtHourOfDay(metric, zone, h));
                    }
                    yield byHour[h];
                }
                case ALL -> all;
            };
            medianAt[hour] = baseline.median();
            sigmaAt[hour] = baseline.sigma(floor);
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            double deviation = (values[i] - medianAt[hours[i]]) / sigmaAt[hours[i]];
            max = Math.max(max, deviation);
            min = Math.min(min, deviation);
        }
        this.highest = max;
        this.lowest = min;
    }

    /**
     * @param metricName names {@code metric} for the memo of the history (one name, one metric)
     * @return the deviations of a non-empty history, computed once per history instance
     */
    static HistoryDeviations of(WindowHistory history, ZoneId zone, String metricName,
                                ToDoubleFunction<WindowStats> metric, Duration windowLength, int weeklyMinWeeks,
                                int dailyMinDays, boolean countData) {
        return history.derived("history-deviations|" + metricName + '|' + windowLength, zone,
                () -> new HistoryDeviations(history, zone, metric, windowLength, weeklyMinWeeks, dailyMinDays,
                        countData));
    }

    /** Whether a window {@code at} with {@code value} lies further above its time than any window of the history. */
    boolean aboveAll(Instant at, double value) {
        return deviation(at, value) > highest;
    }

    /** Whether a window {@code at} with {@code value} lies further below its time than any window of the history. */
    boolean belowAll(Instant at, double value) {
        return deviation(at, value) < lowest;
    }

    private double deviation(Instant at, double value) {
        int hour = WindowHistory.hourOfWeek(at, zone.getRules());
        return (value - medianAt[hour]) / sigmaAt[hour];
    }

    /** Hour of the day on working days (0-23) or on weekends (24-47). */
    private static int kindOfDay(int hourOfWeek) {
        return (hourOfWeek >= 5 * 24 ? 24 : 0) + WindowHistory.hourOfDay(hourOfWeek);
    }
}
