package io.vigie.alert.notify.route;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Daily quiet hours in a time zone, {@code from} inclusive to {@code to} exclusive; {@code to} before {@code from}
 * spans midnight. Local times are turned into instants with the zone's rules of that day, so on a daylight-saving day
 * the period is an hour shorter or longer, and an end inside the spring-forward gap moves forward by the gap.
 */
public record QuietPeriod(LocalTime from, LocalTime to, ZoneId zone) {

    /** When the quiet period containing {@code instant} ends; empty when {@code instant} is not in one. */
    public Optional<Instant> endIfInside(Instant instant) {
        if (from.equals(to)) {
            return Optional.empty();
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate date = local.toLocalDate();
        if (from.isBefore(to)) {
            return !time.isBefore(from) && time.isBefore(to) ? Optional.of(at(date, to)) : Optional.empty();
        }
        if (!time.isBefore(from)) {
            return Optional.of(at(date.plusDays(1), to));
        }
        return time.isBefore(to) ? Optional.of(at(date, to)) : Optional.empty();
    }

    private Instant at(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }
}
