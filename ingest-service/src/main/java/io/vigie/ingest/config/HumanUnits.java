package io.vigie.ingest.config;

import org.springframework.util.unit.DataSize;

import java.time.Duration;

/** Durations and sizes written the way they are configured ({@code 5m}, {@code 10MB}), for log and error messages. */
public final class HumanUnits {

    private HumanUnits() {
    }

    public static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis != 0 && millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis != 0 && millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    public static String of(DataSize size) {
        long bytes = size.toBytes();
        if (bytes != 0 && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + "MB";
        }
        if (bytes != 0 && bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + "KB";
        }
        return bytes + "B";
    }
}
