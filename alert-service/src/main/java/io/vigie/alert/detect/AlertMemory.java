package io.vigie.alert.detect;

import io.vigie.contracts.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the alerting of one watch remembers besides its window history.
 *
 * @param latestWindowStart      start of the newest window seen so far; null before the first
 * @param lastAlertedWindowStart start of the last window an alert was raised on (one alert per window); may be null
 * @param lastAlertedDetector    the detector of that alert; may be null
 * @param lastAlertedSeverity    the severity that alert was last sent with, so it is re-sent only when it escalates
 * @param lastDeviationByDetector per detector name, the start of the last window it found deviating, alerted or not:
 *                               an episode lasts as long as the deviations keep coming within the cooldown
 */
public record AlertMemory(Instant latestWindowStart, Instant lastAlertedWindowStart, String lastAlertedDetector,
                          Severity lastAlertedSeverity, Map<String, Instant> lastDeviationByDetector) {

    public AlertMemory {
        lastDeviationByDetector = lastDeviationByDetector == null ? Map.of() : Map.copyOf(lastDeviationByDetector);
    }

    public static AlertMemory empty() {
        return new AlertMemory(null, null, null, null, Map.of());
    }

    /** Whether a window is the newest one or the one just before: older ones only feed the baseline. */
    public boolean isLive(Instant windowStart, Duration windowLength) {
        return latestWindowStart == null || !windowStart.isBefore(latestWindowStart.minus(windowLength));
    }

    AlertMemory seen(Instant windowStart) {
        if (latestWindowStart != null && !windowStart.isAfter(latestWindowStart)) {
            return this;
        }
        return new AlertMemory(windowStart, lastAlertedWindowStart, lastAlertedDetector, lastAlertedSeverity,
                lastDeviationByDetector);
    }

    boolean alertedOn(Instant windowStart) {
        return windowStart.equals(lastAlertedWindowStart);
    }

    /** Whether a deviation of this window belongs to an episode the detector already alerted on. */
    boolean inEpisode(String detector, Instant windowStart, Duration cooldown) {
        Instant last = lastDeviationByDetector.get(detector);
        return last != null && (!windowStart.isAfter(last) || windowStart.isBefore(last.plus(cooldown)));
    }

    AlertMemory deviated(String detector, Instant windowStart) {
        Instant last = lastDeviationByDetector.get(detector);
        if (last != null && !windowStart.isAfter(last)) {
            return this;
        }
        Map<String, Instant> deviations = new HashMap<>(lastDeviationByDetector);
        deviations.put(detector, windowStart);
        return new AlertMemory(latestWindowStart, lastAlertedWindowStart, lastAlertedDetector, lastAlertedSeverity,
                deviations);
    }

    AlertMemory alerted(String detector, Instant windowStart, Severity severity) {
        AlertMemory deviated = deviated(detector, windowStart);
        return new AlertMemory(latestWindowStart, windowStart, detector, severity, deviated.lastDeviationByDetector);
    }

    /** Whether this detection of the alerted window is worse than what the team was last told. */
    boolean escalates(String detector, Severity severity) {
        return detector.equals(lastAlertedDetector)
                && (lastAlertedSeverity == null || severity.compareTo(lastAlertedSeverity) > 0);
    }
}
