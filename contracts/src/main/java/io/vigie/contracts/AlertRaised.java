package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * A deviation of a watch's metrics from their baseline, explained enough to act on.
 *
 * @param schemaVersion version of this event's schema ({@link #SCHEMA_VERSION})
 * @param id            stable id (watch, detector, window), so a re-emitted alert is the same alert
 * @param watchId       the watch whose metrics deviated
 * @param detector      which detector fired, e.g. {@code negative-surge}
 * @param severity      low, medium or high
 * @param metric        the metric observed, e.g. {@code negative_count}
 * @param observed      its value in the window
 * @param expected      its baseline value for such a window
 * @param windowStart   start of the event-time window that deviated
 * @param windowEnd     end of that window
 * @param raisedAt      when the alert was raised
 * @param summary       one human sentence: what happened, how far from normal
 * @param mentionIds    a sample of contributing mentions
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertRaised(
        int schemaVersion,
        String id,
        String watchId,
        String detector,
        Severity severity,
        String metric,
        double observed,
        double expected,
        Instant windowStart,
        Instant windowEnd,
        Instant raisedAt,
        String summary,
        List<String> mentionIds) {

    public static final int SCHEMA_VERSION = 1;

    public AlertRaised {
        mentionIds = mentionIds == null ? List.of() : List.copyOf(mentionIds);
    }
}
