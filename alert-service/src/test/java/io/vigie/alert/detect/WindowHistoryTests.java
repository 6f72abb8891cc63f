package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WindowHistoryTests {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Paris"), ZoneId.of("America/New_York"),
            ZoneId.of("Australia/Sydney"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("UTC"), ZoneId.of("America/Sao_Paulo"));

    @Test
    void eachWindowsLocalHourIsItsOwnOffsetsAcrossDaylightSavingChangesInEveryKindOfZone() {
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
                windows.add(new WindowStats("w", at, at.plus(length), 1, 0, 0, 0, List.of()));
                // Gaps of up to two days: quiet spells jump over transitions too.
                at = at.plus(length.multipliedBy(random.nextInt(10) == 0 ? 1 + random.nextInt(200) : 1));
            }
            for (ZoneId zone : ZONES) {
                WindowHistory history = new WindowHistory(windows);
                int[] hours = history.hoursOfWeek(zone);
                for (int i = 0; i < windows.size(); i++) {
                    assertThat(hours[i]).as("%s %s", zone, windows.get(i).windowStart())
                            .isEqualTo(WindowHistory.hourOfWeek(windows.get(i).windowStart(), zone.getRules()));
                }
                // A history cut short shares its local hours: the same as computing them anew.
                Instant cut = windows.get(windows.size() / 2).windowStart();
                assertThat(history.before(cut).hoursOfWeek(zone))
                        .containsExactly(new WindowHistory(windows.subList(0, windows.size() / 2)).hoursOfWeek(zone));
            }
        }
    }
}
