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
 * @param status        where the incident stands; null (older producers) means {@code open}
 * @param episodeStart  start of the first window of the episode: "since when"; null when unknown
 * @param anomalyScore  how unusual the observation is, in [0, 1]; null when unknown
 * @param topMentions   the contributing mentions with links, most telling first; may be empty
 * @param breakdown     the window's mentions by source and language; null when unknown
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
        List<String> mentionIds,
        AlertStatus status,
        Instant episodeStart,
        Double anomalyScore,
        List<AlertMention> topMentions,
        AlertBreakdown breakdown) {

    public static final int SCHEMA_VERSION = 1;

    public AlertRaised {
        mentionIds = mentionIds == null ? List.of() : List.copyOf(mentionIds);
        topMentions = topMentions == null ? List.of() : List.copyOf(topMentions);
    }

    /** An alert as the first version of the contract knew it: an open incident without explanation. */
    public AlertRaised(int schemaVersion, String id, String watchId, String detector, Severity severity, String metric,
                       double observed, double expected, Instant windowStart, Instant windowEnd, Instant raisedAt,
                       String summary, List<String> mentionIds) {
        this(schemaVersion, id, watchId, detector, severity, metric, observed, expected, windowStart, windowEnd,
                raisedAt, summary, mentionIds, null, null, null, null, null);
    }

    /** The status, {@code open} when an older producer did not say. */
    public AlertStatus effectiveStatus() {
        return status == null ? AlertStatus.OPEN : status;
    }
}
