package io.vigie.alert.notify.route;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/** When the next hourly or daily digest of a watch goes out, in the watch's time zone. */
public final class DigestSchedule {

    private DigestSchedule() {
    }

    /** The next full local hour strictly after {@code now}; across a DST change, the next hour on the timeline. */
    public static Instant nextHour(Instant now, ZoneId zone) {
        return now.atZone(zone).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant();
    }

    /** The next {@code at} local time strictly after {@code now} (08:00 today if still to come, else tomorrow). */
    public static Instant nextDaily(Instant now, ZoneId zone, LocalTime at) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime today = ZonedDateTime.of(local.toLocalDate(), at, zone);
        return today.toInstant().isAfter(now) ? today.toInstant()
                : ZonedDateTime.of(local.toLocalDate().plusDays(1), at, zone).toInstant();
    }

    public static Instant next(Digest digest, Instant now, ZoneId zone, LocalTime dailyAt) {
        return switch (digest) {
            case NONE -> now;
            case HOURLY -> nextHour(now, zone);
            case DAILY -> nextDaily(now, zone, dailyAt);
        };
    }
}
