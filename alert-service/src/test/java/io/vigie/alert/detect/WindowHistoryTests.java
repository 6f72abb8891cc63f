package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WindowHistoryTests {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Sydney"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("UTC"), ZoneId.of("America/Sao_Paulo"));

    @Test
    void eachWindowsLocalHourAndDayAreItsOwnOffsetsAcrossDaylightSavingChangesInEveryKindOfZone() {
        Random random = new Random(3);
        for (int run = 0; run < 50; run++) {
            List<WindowStats> windows = new ArrayList<>();
            // Histories of a few weeks to a year around the spring and autumn changes of both hemispheres.
            Instant start = Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofHours(random.nextInt(24 * 365)));
            Duration length = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1))
                    .get(random.nextInt(3));
            int count = 100 + random.nextInt(3_000);
            Instant at = start;
            for (int i = 0; i < count; i++) {
                windows.add(new WindowStats("w", at, at.plus(length), random.nextInt(50) + random.nextDouble(), 0, 0,
                        0, List.of()));
                // Gaps of up to two days: quiet spells jump over transitions too.
                at = at.plus(length.multipliedBy(random.nextInt(10) == 0 ? 1 + random.nextInt(200) : 1));
            }
            for (ZoneId zone : ZONES) {
                WindowHistory history = new WindowHistory(windows);
                int[] hours = history.hoursOfWeek(zone);
                for (int i = 0; i < windows.size(); i++) {
                    Instant windowStart = windows.get(i).windowStart();
                    assertThat(hours[i]).as("%s %s", zone, windowStart)
                            .isEqualTo(WindowHistory.hourOfWeek(windowStart, zone.getRules()));
                    assertThat(history.localDays(zone)[i]).as("%s %s", zone, windowStart)
                            .isEqualTo(HourlyRates.localDay(windowStart, zone.getRules()));
                }
                // Read from the windows of the chosen hours alone: the same values, in the same order, as a filter
                // over every window (a sum over them then adds up the same way).
                int hour = random.nextInt(24);
                assertThat(history.valuesAtHourOfDay(WindowStats::volume, zone, hour)).containsExactly(
                        history.values(WindowStats::volume, i -> WindowHistory.hourOfDay(hours[i]) == hour));
                int weekendHour = 5 * 24 + random.nextInt(48);
                assertThat(history.valuesAtHours(WindowStats::volume, zone, h -> h >= weekendHour - 1
                        && h <= weekendHour + 1)).containsExactly(history.values(WindowStats::volume,
                        i -> hours[i] >= weekendHour - 1 && hours[i] <= weekendHour + 1));
                // A history cut short shares its local hours: the same as computing them anew.
                Instant cut = windows.get(windows.size() / 2).windowStart();
                WindowHistory anew = new WindowHistory(windows.subList(0, windows.size() / 2));
                assertThat(history.before(cut).hoursOfWeek(zone)).containsExactly(anew.hoursOfWeek(zone));
                assertThat(history.before(cut).localDays(zone)).containsExactly(anew.localDays(zone));
            }
        }
    }

    @Test
    void aHistoryThatFollowsThePreviousOneTakesOverTheBaselinesOfTheHoursThatDidNotChangeAndOnlyThose() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        Random random = new Random(11);
        List<WindowStats> windows = new ArrayList<>();
        Instant at = Instant.parse("2026-03-20T00:00:00Z");
        for (int i = 0; i < 3_000; i++) {
            double volume = random.nextInt(9) + random.nextDouble();
            windows.add(new WindowStats("w", at, at.plus(Duration.ofMinutes(15)), volume, 0, 0, 0, List.of()));
            // Over the change to summer time on 29 March, with gaps.
            at = at.plus(Duration.ofMinutes(random.nextInt(4) == 0 ? 30 : 15));
        }
        WindowHistory previous = null;
        int from = 0;
        int takenOver = 0;
        for (int end = 1_300; end < 1_500; end++) {
            from += random.nextInt(3) == 0 ? 1 : 0;
            List<WindowStats> held = new ArrayList<>(windows.subList(from, end));
            if (random.nextInt(10) == 0) {
                // A window updated since (a new instance, another value): its hour must be computed again.
                int updated = random.nextInt(held.size());
                WindowStats old = held.get(updated);
                held.set(updated, new WindowStats("w", old.windowStart(), old.windowEnd(), old.volume() + 1, 0, 0, 0,
                        List.of()));
            }
            WindowHistory history = new WindowHistory(held, previous);
            WindowHistory anew = new WindowHistory(held);
            for (int hour = 0; hour < 24; hour++) {
                int hourOfDay = hour;
                RobustBaseline taken = history.baselineAtHours("d" + hour, paris,
                        h -> WindowHistory.hourOfDay(h) == hourOfDay,
                        () -> history.valuesAtHourOfDay(WindowStats::volume, paris, hourOfDay));
                RobustBaseline computed = anew.baselineAtHours("d" + hour, paris,
                        h -> WindowHistory.hourOfDay(h) == hourOfDay,
                        () -> anew.valuesAtHourOfDay(WindowStats::volume, paris, hourOfDay));
                assertThat(taken).as("hour %d, windows %d-%d", hour, from, end).isEqualTo(computed);
                boolean unchanged = previous != null && Arrays.equals(
                        instancesAt(previous, paris, hourOfDay), instancesAt(history, paris, hourOfDay));
                if (unchanged) {
                    assertThat(taken).as("taken over at %d", hour)
                            .isSameAs(previous.baselineAtHours("d" + hour, paris, h -> false, () -> null));
                    takenOver++;
                }
            }
            assertThat(history.hoursOfWeek(paris)).containsExactly(anew.hoursOfWeek(paris));
            assertThat(history.localDays(paris)).containsExactly(anew.localDays(paris));
            previous = history;
        }
        // Most hours did not change from one history to the next.
        assertThat(takenOver).isGreaterThan(200 * 24 / 2);
    }

    /** The window instances of a history at an hour of the day, in order. */
    private static Object[] instancesAt(WindowHistory history, ZoneId zone, int hourOfDay) {
        int[] hours = history.hoursOfWeek(zone);
        List<WindowStats> atHour = new ArrayList<>();
        for (int i = 0; i < hours.length; i++) {
            if (WindowHistory.hourOfDay(hours[i]) == hourOfDay) {
                atHour.add(history.windows().get(i));
            }
        }
        return atHour.toArray();
    }
}
