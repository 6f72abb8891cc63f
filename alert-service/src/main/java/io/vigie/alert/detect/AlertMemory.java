package io.vigie.alert.detect;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;
import java.time.Instant;

/**
 * What the alerting of one watch remembers besides its window history, stored as JSON per watch. Fields of older
 * versions are ignored: an old memory reads as "no incident".
 *
 * @param latestWindowStart start of the newest window seen so far; null before the first
 * @param incident          the watch's current incident: open, or resolved less than the cooldown ago (a new
 *                          deviation then reopens it instead of paging again); null when none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertMemory(Instant latestWindowStart, Incident incident) {

    public static AlertMemory empty() {
        return new AlertMemory(null, null);
    }

    /** Whether a window is the newest one or the one just before: older ones only feed the baseline. */
    public boolean isLive(Instant windowStart, Duration windowLength) {
        return latestWindowStart == null || !windowStart.isBefore(latestWindowStart.minus(windowLength));
    }

    AlertMemory seen(Instant windowStart) {
        if (latestWindowStart != null && !windowStart.isAfter(latestWindowStart)) {
            return this;
        }
        return new AlertMemory(windowStart, incident);
    }

    AlertMemory withIncident(Incident newIncident) {
        return new AlertMemory(latestWindowStart, newIncident);
    }
}
