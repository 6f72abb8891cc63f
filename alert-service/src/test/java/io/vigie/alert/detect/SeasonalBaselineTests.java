package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

class SeasonalBaselineTests {

    private static final ToDoubleFunction<WindowStats> VOLUME = WindowStats::volume;

    /**
     * The candidate windows are counted from a table of windows per hour of the week; the baseline must be the one a
     * pass over every window finds (the way it was computed before), whatever the history's gaps, zone and sizes.
     */
    @Test
    void countingByHourOfTheWeekGivesTheBaselineAPassOverEveryWindowGives() {
        Random random = new Random(17);
        List<ZoneId> zones = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"),
                ZoneId.of("Asia/Kolkata"));
        for (int run = 0; run < 300; run++) {
            Duration length = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
                    Duration.ofHours(1)).get(random.nextInt(4));
            ZoneId zone = zones.get(random.nextInt(zones.size()));
            double presence = 0.05 + 0.95 * random.nextDouble();
            // Two weeks ending around a DST change in some runs (late March / late October).
            Instant end = Instant.parse(random.nextBoolean() ? "2026-03-30T12:00:00Z" : "2026-11-02T08:00:00Z")
                    .plus(Duration.ofHours(random.nextInt(24 * 14)));
            List<WindowStats> windows = new ArrayList<>();
            for (Instant at = end.minus(Duration.ofDays(14)); at.isBefore(end); at = at.plus(length)) {
                if (random.nextDouble() < presence) {
                    windows.add(new WindowStats("w", at, at.plus(length), random.nextInt(30), 0, 0, 0, List.of()));
                }
            }
            WindowHistory history = new WindowHistory(windows);
            int weeks = 1 + random.nextInt(2);
            int days = 2 + random.nextInt(6);
            boolean counts = random.nextBoolean();
            for (int probe = 0; probe < 20; probe++) {
                Instant at = end.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 8)));
                SeasonalBaseline fast = SeasonalBaseline.of(history, at, zone, "m", VOLUME, length, weeks, days, counts);
                SeasonalBaseline reference = byPassOverEveryWindow(new WindowHistory(windows), at, zone, length, weeks,
                        days, counts);
                assertThat(fast).as("run %d probe %d", run, probe).isEqualTo(reference);
            }
        }
    }

    /** The selection as it was written before the table: every window tested against each scope. */
    private static SeasonalBaseline byPassOverEveryWindow(WindowHistory history, Instant at, ZoneId zone,
                                                          Duration windowLength, int weeklyMinWeeks, int dailyMinDays,
                                                          boolean countData) {
        if (history.size() == 0) {
            return null;
        }
        long perHour = Math.max(1, Duration.ofHours(1).toSeconds() / Math.max(1, windowLength.toSeconds()));
        long weeklyMinSamples = Math.max(8, weeklyMinWeeks * perHour);
        long dailyMinSamples = Math.max(8, dailyMinDays * perHour);
        int[] hours = history.hoursOfWeek(zone);
        int target = WindowHistory.hourOfWeek(at, zone.getRules());
        int targetHour = WindowHistory.hourOfDay(target);
        boolean weekend = target >= 5 * 24;
        IntPredicate sameKind = hour -> (hour >= 5 * 24) == weekend && WindowHistory.hourOfDay(hour) == targetHour;
        IntPredicate nearKind = hour -> (hour >= 5 * 24) == weekend
                && Math.min(Math.abs(WindowHistory.hourOfDay(hour) - targetHour),
                24 - Math.abs(WindowHistory.hourOfDay(hour) - targetHour)) <= 1;
        int weekly = 0;
        int daily = 0;
        int kind = 0;
        int nearbyKind = 0;
        for (int hour : hours) {
            weekly += hour == target ? 1 : 0;
            daily += WindowHistory.hourOfDay(hour) == targetHour ? 1 : 0;
            kind += sameKind.test(hour) ? 1 : 0;
            nearbyKind += nearKind.test(hour) ? 1 : 0;
        }
        SeasonalBaseline sameHour = daily >= dailyMinSamples ? new SeasonalBaseline(RobustBaseline.of(
                history.values(VOLUME, i -> WindowHistory.hourOfDay(hours[i]) == targetHour)),
                SeasonalBaseline.Scope.SAME_HOUR, daily, null) : null;
        RobustBaseline floor = sameHour == null ? null : sameHour.robust();
        if (weekly >= weeklyMinSamples) {
            return new SeasonalBaseline(RobustBaseline.of(history.values(VOLUME, i -> hours[i] == target)),
                    SeasonalBaseline.Scope.SAME_HOUR_AND_WEEKDAY, weekly, floor);
        }
        if (countData && weeklyMinWeeks * perHour < 8) {
            SeasonalBaseline.Scope scope = weekend ? SeasonalBaseline.Scope.SAME_HOUR_ON_WEEKENDS
                    : SeasonalBaseline.Scope.SAME_HOUR_ON_WORKING_DAYS;
            if (kind >= dailyMinSamples) {
                return new SeasonalBaseline(RobustBaseline.of(history.values(VOLUME, i -> sameKind.test(hours[i]))),
                        scope, kind, floor);
            }
            if (nearbyKind >= dailyMinSamples) {
                return new SeasonalBaseline(RobustBaseline.of(history.values(VOLUME, i -> nearKind.test(hours[i]))),
                        scope, nearbyKind, floor);
            }
        }
        if (sameHour != null) {
            return sameHour;
        }
        return new SeasonalBaseline(RobustBaseline.of(history.values(VOLUME)), SeasonalBaseline.Scope.ALL_HOURS,
                history.size(), null);
    }
}
