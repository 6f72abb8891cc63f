package io.vigie.alert.detect;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vigie.contracts.Severity;

import java.time.Instant;

/**
 * One episode of a watch deviating from its baseline, whichever detectors saw it: what the team is told about once,
 * then again only when it grows worse and when it is over.
 *
 * @param id            stable id {@code watch:detector:episodeStart}, the detector being the one that opened it
 * @param detector      the detector that opened it
 * @param episodeStart  start of the first deviating window
 * @param severity      the highest severity the team was told
 * @param lastDeviation start of the newest window a detector fired on
 * @param lastSent      start of the window of the newest event sent about it
 * @param resolvedAt    start of the window it was resolved on; null while open
 * @param metric        the metric of the newest event sent
 * @param observed      its value then
 * @param expected      its baseline then
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Incident(String id, String detector, Instant episodeStart, Severity severity, Instant lastDeviation,
                       Instant lastSent, Instant resolvedAt, String metric, double observed, double expected) {

    static Incident open(String watchId, String detector, Instant windowStart, Detection detection) {
        return new Incident(watchId + ':' + detector + ':' + windowStart, detector, windowStart, detection.severity(),
                windowStart, windowStart, null, detection.metric(), detection.observed(), detection.expected());
    }

    public boolean resolved() {
        return resolvedAt != null;
    }

    /** The incident with one more deviating window, still open. */
    Incident deviated(Instant windowStart) {
        Instant newest = lastDeviation == null || windowStart.isAfter(lastDeviation) ? windowStart : lastDeviation;
        return new Incident(id, detector, episodeStart, severity, newest, lastSent, null, metric, observed, expected);
    }

    /** The incident after an event about {@code detection} was sent for a window. */
    Incident sent(Instant windowStart, Detection detection, Severity newSeverity) {
        return new Incident(id, detector, episodeStart, newSeverity, lastDeviation, windowStart, resolvedAt,
                detection.metric(), detection.observed(), detection.expected());
    }

    Incident resolve(Instant windowStart) {
        return new Incident(id, detector, episodeStart, severity, lastDeviation, windowStart, windowStart, metric,
                observed, expected);
    }
}
