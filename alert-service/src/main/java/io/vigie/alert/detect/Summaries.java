package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Wording shared by the detectors' one-sentence summaries. */
final class Summaries {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private Summaries() {
    }

    /** "the 15-min window from 2026-03-02 09:00 Europe/Paris". */
    static String window(WindowStats window, ZoneId zone) {
        return String.format(Locale.ROOT, "the %d-min window from %s %s", window.length().toMinutes(),
                TIME.format(window.windowStart().atZone(zone)), zone.getId());
    }

    /** A count without decimals when it is whole, else with a few significant digits. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }
}
