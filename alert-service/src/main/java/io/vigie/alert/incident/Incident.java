package io.vigie.alert.incident;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vigie.contracts.AlertBreakdown;
import io.vigie.contracts.AlertMention;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One incident (one episode of one detector on one watch), as stored in {@code vigie-alerts} and served by the API.
 *
 * <p>The first eighteen fields are the detection, as the latest {@link AlertRaised} for this id said it (same names,
 * so a client of the former alert history reads an incident as an alert). The others are the incident's life: the
 * team's state, who acknowledged, who is on it, comments, who resolved it, and the explanation computed from the
 * mentions. A detection event only ever replaces the detection fields: what people did is never overwritten by it.
 *
 * <p>Transitions are pure: they return a new incident or throw {@link IncidentConflictException}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Incident(
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
        AlertBreakdown breakdown,
        IncidentState state,
        Instant firstRaisedAt,
        Instant updatedAt,
        List<SeverityChange> severityHistory,
        String acknowledgedBy,
        Instant acknowledgedAt,
        String assignee,
        String assignedBy,
        Instant assignedAt,
        List<Comment> comments,
        String resolvedBy,
        Instant resolvedAt,
        String resolutionNote,
        boolean autoResolved,
        Instant reopenedAt,
        Explanation explanation) {

    /** Older entries of the severity history are dropped beyond this, to bound the document. */
    static final int MAX_SEVERITY_HISTORY = 100;

    public Incident {
        mentionIds = mentionIds == null ? List.of() : List.copyOf(mentionIds);
        topMentions = topMentions == null ? List.of() : List.copyOf(topMentions);
        // Documents stored by the former alert history have no state: they were open alerts.
        state = state == null ? IncidentState.OPEN : state;
        severityHistory = severityHistory == null ? List.of() : List.copyOf(severityHistory);
        comments = comments == null ? List.of() : List.copyOf(comments);
    }

    /** A new incident from the first event seen for its id (usually {@code open}; later ones after a gap). */
    static Incident from(AlertRaised event, Instant now) {
        Draft draft = new Draft();
        draft.detection(event);
        draft.firstRaisedAt = event.raisedAt() != null ? event.raisedAt() : now;
        draft.updatedAt = now;
        draft.severityHistory.add(step(event));
        if (event.effectiveStatus() == AlertStatus.RESOLVED) {
            draft.state = IncidentState.RESOLVED;
            draft.autoResolved = true;
            draft.resolvedAt = event.raisedAt() != null ? event.raisedAt() : now;
        } else {
            draft.state = IncidentState.OPEN;
        }
        return draft.build();
    }

    /** The change a new incident made, for live clients. */
    IncidentChange creation() {
        return state == IncidentState.RESOLVED ? IncidentChange.RESOLVED : IncidentChange.OPENED;
    }

    /**
     * Applies a newer detection of this incident. Re-delivered and older events change nothing (empty), so that
     * consuming the topic again, or out of order, never rolls the incident back.
     */
    Optional<Applied> apply(AlertRaised event, Instant now) {
        if (DETECTION_ORDER.compare(event, this.asDetection()) <= 0) {
            return Optional.empty();
        }
        Draft draft = new Draft(this);
        draft.detection(event);
        draft.updatedAt = now;
        if (severity != event.severity()) {
            draft.severityHistory.add(step(event));
            while (draft.severityHistory.size() > MAX_SEVERITY_HISTORY) {
                draft.severityHistory.remove(1); // keep the first: where it started
            }
        }
        boolean worse = rank(event.severity()) > rank(severity) || event.effectiveStatus() == AlertStatus.ESCALATED;
        IncidentChange change;
        if (event.effectiveStatus() == AlertStatus.RESOLVED) {
            if (state == IncidentState.RESOLVED) {
                change = IncidentChange.UPDATED; // a person resolved it first: their resolution stands
            } else {
                draft.state = IncidentState.RESOLVED;
                draft.autoResolved = true;
                draft.resolvedAt = event.raisedAt() != null ? event.raisedAt() : now;
                change = IncidentChange.RESOLVED;
            }
        } else if (state == IncidentState.RESOLVED && worse && !autoResolved) {
            // Resolved by a person, yet it grows worse: back on the board; who resolved it stays on record.
            draft.state = IncidentState.OPEN;
            draft.reopenedAt = now;
            change = IncidentChange.REOPENED;
        } else {
            change = worse ? IncidentChange.ESCALATED : IncidentChange.UPDATED;
        }
        return Optional.of(new Applied(draft.build(), change));
    }

    Incident acknowledge(String user, Instant now) {
        switch (state) {
            case RESOLVED -> throw new IncidentConflictException("incident " + id + " is already resolved ("
                    + resolution() + "): there is nothing left to acknowledge");
            case ACKNOWLEDGED -> throw new IncidentConflictException("incident " + id + " was already acknowledged by "
                    + acknowledgedBy + " at " + acknowledgedAt + "; assign it or comment instead");
            default -> {
                Draft draft = new Draft(this);
                draft.state = IncidentState.ACKNOWLEDGED;
                draft.acknowledgedBy = user;
                draft.acknowledgedAt = now;
                draft.updatedAt = now;
                return draft.build();
            }
        }
    }

    Incident assign(String newAssignee, String by, Instant now) {
        if (state == IncidentState.RESOLVED) {
            throw new IncidentConflictException("incident " + id + " is already resolved (" + resolution()
                    + "): assigning it would not bring it back; comment on it instead");
        }
        Draft draft = new Draft(this);
        draft.assignee = newAssignee;
        draft.assignedBy = by;
        draft.assignedAt = now;
        draft.updatedAt = now;
        return draft.build();
    }

    Incident comment(String author, String text, Instant now, int maxComments) {
        if (comments.size() >= maxComments) {
            throw new IncidentConflictException("incident " + id + " already has " + comments.size()
                    + " comments, the most it keeps; summarise the discussion elsewhere and link it");
        }
        Draft draft = new Draft(this);
        draft.comments.add(new Comment(author, now, text));
        draft.updatedAt = now;
        return draft.build();
    }

    Incident resolve(String user, String note, Instant now) {
        if (state == IncidentState.RESOLVED) {
            throw new IncidentConflictException("incident " + id + " is already resolved (" + resolution() + ")");
        }
        Draft draft = new Draft(this);
        draft.state = IncidentState.RESOLVED;
        draft.resolvedBy = user;
        draft.resolvedAt = now;
        draft.resolutionNote = note;
        draft.autoResolved = false;
        draft.updatedAt = now;
        return draft.build();
    }

    Incident explained(Explanation newExplanation, Instant now) {
        Draft draft = new Draft(this);
        draft.explanation = newExplanation;
        draft.updatedAt = now;
        return draft.build();
    }

    /** Whether the explanation is missing or was computed at a lower severity than the incident has now. */
    boolean needsExplanation() {
        return explanation == null || rank(explanation.severity()) < rank(severity);
    }

    private String resolution() {
        return autoResolved ? "automatically, metrics back to normal, at " + resolvedAt
                : "by " + resolvedBy + " at " + resolvedAt;
    }

    private AlertRaised asDetection() {
        return new AlertRaised(schemaVersion, id, watchId, detector, severity, metric, observed, expected, windowStart,
                windowEnd, raisedAt, summary, mentionIds, status, episodeStart, anomalyScore, topMentions, breakdown);
    }

    /**
     * Which of two detections of the same incident is the later: raised later; at the same instant, the more severe,
     * then the further along (open, updated, escalated, resolved).
     */
    static final Comparator<AlertRaised> DETECTION_ORDER = Comparator
            .comparing((AlertRaised alert) -> alert.raisedAt() == null ? Instant.EPOCH : alert.raisedAt())
            .thenComparingInt(alert -> rank(alert.severity()))
            .thenComparingInt(alert -> switch (alert.effectiveStatus()) {
                case OPEN -> 0;
                case UPDATED -> 1;
                case ESCALATED -> 2;
                case RESOLVED -> 3;
            });

    static int rank(Severity severity) {
        return severity == null ? -1 : severity.ordinal();
    }

    private static SeverityChange step(AlertRaised event) {
        return new SeverityChange(event.severity(), event.effectiveStatus(), event.observed(),
                event.raisedAt());
    }

    /** An incident after an event, and what the event changed. */
    record Applied(Incident incident, IncidentChange change) {
    }

    /** Copy-and-change helper: records have no withers. */
    private static final class Draft {
        int schemaVersion;
        String id;
        String watchId;
        String detector;
        Severity severity;
        String metric;
        double observed;
        double expected;
        Instant windowStart;
        Instant windowEnd;
        Instant raisedAt;
        String summary;
        List<String> mentionIds;
        AlertStatus status;
        Instant episodeStart;
        Double anomalyScore;
        List<AlertMention> topMentions;
        AlertBreakdown breakdown;
        IncidentState state;
        Instant firstRaisedAt;
        Instant updatedAt;
        List<SeverityChange> severityHistory = new ArrayList<>();
        String acknowledgedBy;
        Instant acknowledgedAt;
        String assignee;
        String assignedBy;
        Instant assignedAt;
        List<Comment> comments = new ArrayList<>();
        String resolvedBy;
        Instant resolvedAt;
        String resolutionNote;
        boolean autoResolved;
        Instant reopenedAt;
        Explanation explanation;

        Draft() {
        }

        Draft(Incident i) {
            schemaVersion = i.schemaVersion;
            id = i.id;
            watchId = i.watchId;
            detector = i.detector;
            severity = i.severity;
            metric = i.metric;
            observed = i.observed;
            expected = i.expected;
            windowStart = i.windowStart;
            windowEnd = i.windowEnd;
            raisedAt = i.raisedAt;
            summary = i.summary;
            mentionIds = i.mentionIds;
            status = i.status;
            episodeStart = i.episodeStart;
            anomalyScore = i.anomalyScore;
            topMentions = i.topMentions;
            breakdown = i.breakdown;
            state = i.state;
            firstRaisedAt = i.firstRaisedAt;
            updatedAt = i.updatedAt;
            severityHistory = new ArrayList<>(i.severityHistory);
            acknowledgedBy = i.acknowledgedBy;
            acknowledgedAt = i.acknowledgedAt;
            assignee = i.assignee;
            assignedBy = i.assignedBy;
            assignedAt = i.assignedAt;
            comments = new ArrayList<>(i.comments);
            resolvedBy = i.resolvedBy;
            resolvedAt = i.resolvedAt;
            resolutionNote = i.resolutionNote;
            autoResolved = i.autoResolved;
            reopenedAt = i.reopenedAt;
            explanation = i.explanation;
        }

        /** The detection fields, verbatim from the event (status included, null when an older producer sent none). */
        void detection(AlertRaised e) {
            schemaVersion = e.schemaVersion();
            id = e.id();
            watchId = e.watchId();
            detector = e.detector();
            severity = e.severity();
            metric = e.metric();
            observed = e.observed();
            expected = e.expected();
            windowStart = e.windowStart();
            windowEnd = e.windowEnd();
            raisedAt = e.raisedAt();
            summary = e.summary();
            mentionIds = e.mentionIds();
            status = e.status();
            episodeStart = e.episodeStart();
            anomalyScore = e.anomalyScore();
            topMentions = e.topMentions();
            breakdown = e.breakdown();
        }

        Incident build() {
            return new Incident(schemaVersion, id, watchId, detector, severity, metric, observed, expected,
                    windowStart, windowEnd, raisedAt, summary, mentionIds, status, episodeStart, anomalyScore,
                    topMentions, breakdown, state, firstRaisedAt, updatedAt, severityHistory, acknowledgedBy,
                    acknowledgedAt, assignee, assignedBy, assignedAt, comments, resolvedBy, resolvedAt,
                    resolutionNote, autoResolved, reopenedAt, explanation);
        }
    }
}
