package io.vigie.alert.incident;

import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IncidentTests {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static AlertRaised event(AlertStatus status, Severity severity, Instant raisedAt) {
        return new AlertRaised(AlertRaised.SCHEMA_VERSION, "acme:negative-surge:" + T0, "acme", "negative-surge",
                severity, "negative_count", 12, 2, T0, T0.plusSeconds(900), raisedAt, "12 negative mentions",
                List.of("m1"), status, T0, 0.9, List.of(), null);
    }

    private static Incident opened() {
        return Incident.from(event(AlertStatus.OPEN, Severity.LOW, T0.plusSeconds(60)), NOW);
    }

    @Test
    void anIncidentOpensFromItsFirstDetectionWithTheDetectionFieldsVerbatim() {
        AlertRaised first = event(AlertStatus.OPEN, Severity.LOW, T0.plusSeconds(60));
        Incident incident = Incident.from(first, NOW);

        assertThat(incident.state()).isEqualTo(IncidentState.OPEN);
        assertThat(incident.creation()).isEqualTo(IncidentChange.OPENED);
        assertThat(incident.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(incident.severity()).isEqualTo(Severity.LOW);
        assertThat(incident.firstRaisedAt()).isEqualTo(first.raisedAt());
        assertThat(incident.severityHistory()).extracting(SeverityChange::severity).containsExactly(Severity.LOW);
        assertThat(incident.needsExplanation()).isTrue();
    }

    @Test
    void theSameEventTwiceOrAnOlderOneChangesNothing() {
        Incident escalated = opened().apply(event(AlertStatus.ESCALATED, Severity.HIGH, T0.plusSeconds(300)), NOW)
                .orElseThrow().incident();

        assertThat(escalated.apply(event(AlertStatus.ESCALATED, Severity.HIGH, T0.plusSeconds(300)), NOW)).isEmpty();
        assertThat(escalated.apply(event(AlertStatus.OPEN, Severity.LOW, T0.plusSeconds(60)), NOW)).isEmpty();
        assertThat(escalated.apply(event(AlertStatus.UPDATED, Severity.MEDIUM, T0.plusSeconds(120)), NOW)).isEmpty();
    }

    @Test
    void anEscalationUpdatesTheDetectionAndRecordsTheSeverityChangeButKeepsWhatPeopleDid() {
        Incident handled = opened().acknowledge("alice", NOW).assign("bob", "alice", NOW)
                .comment("bob", "calling the press office", NOW, 10);

        Incident.Applied applied = handled.apply(event(AlertStatus.ESCALATED, Severity.HIGH, T0.plusSeconds(600)),
                NOW.plusSeconds(1)).orElseThrow();

        assertThat(applied.change()).isEqualTo(IncidentChange.ESCALATED);
        Incident incident = applied.incident();
        assertThat(incident.severity()).isEqualTo(Severity.HIGH);
        assertThat(incident.status()).isEqualTo(AlertStatus.ESCALATED);
        assertThat(incident.severityHistory()).extracting(SeverityChange::severity)
                .containsExactly(Severity.LOW, Severity.HIGH);
        assertThat(incident.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(incident.acknowledgedBy()).isEqualTo("alice");
        assertThat(incident.assignee()).isEqualTo("bob");
        assertThat(incident.comments()).extracting(Comment::text).containsExactly("calling the press office");
        assertThat(incident.needsExplanation()).isTrue();
    }

    @Test
    void anUpdateAtTheSameSeverityIsAnUpdateNotAnEscalation() {
        Incident.Applied applied = opened().apply(event(AlertStatus.UPDATED, Severity.LOW, T0.plusSeconds(120)), NOW)
                .orElseThrow();

        assertThat(applied.change()).isEqualTo(IncidentChange.UPDATED);
        assertThat(applied.incident().severityHistory()).hasSize(1);
    }

    @Test
    void openThenAcknowledgedThenResolvedByPeople() {
        Incident acked = opened().acknowledge("alice", NOW);
        assertThat(acked.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo("alice");
        assertThat(acked.acknowledgedAt()).isEqualTo(NOW);

        Incident resolved = acked.resolve("bob", "refunds announced", NOW.plusSeconds(60));
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo("bob");
        assertThat(resolved.resolutionNote()).isEqualTo("refunds announced");
        assertThat(resolved.autoResolved()).isFalse();
    }

    @Test
    void conflictingTransitionsSayWhyAndWhatToDo() {
        Incident acked = opened().acknowledge("alice", NOW);
        assertThatThrownBy(() -> acked.acknowledge("bob", NOW)).isInstanceOf(IncidentConflictException.class)
                .hasMessageContaining("already acknowledged by alice");

        Incident resolved = acked.resolve("bob", null, NOW);
        assertThatThrownBy(() -> resolved.resolve("carol", null, NOW)).isInstanceOf(IncidentConflictException.class)
                .hasMessageContaining("already resolved").hasMessageContaining("by bob");
        assertThatThrownBy(() -> resolved.acknowledge("carol", NOW)).isInstanceOf(IncidentConflictException.class)
                .hasMessageContaining("nothing left to acknowledge");
        assertThatThrownBy(() -> resolved.assign("carol", "carol", NOW)).isInstanceOf(IncidentConflictException.class);
        assertThat(resolved.comment("carol", "post-mortem on Monday", NOW, 10).comments()).hasSize(1);
    }

    @Test
    void commentsAreBounded() {
        Incident one = opened().comment("alice", "first", NOW, 1);
        assertThatThrownBy(() -> one.comment("alice", "second", NOW, 1)).isInstanceOf(IncidentConflictException.class)
                .hasMessageContaining("1 comments");
    }

    @Test
    void theDetectorResolvesAnOpenIncidentAutomatically() {
        Incident.Applied applied = opened().apply(event(AlertStatus.RESOLVED, Severity.LOW, T0.plusSeconds(7200)), NOW)
                .orElseThrow();

        assertThat(applied.change()).isEqualTo(IncidentChange.RESOLVED);
        assertThat(applied.incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(applied.incident().autoResolved()).isTrue();
        assertThat(applied.incident().resolvedBy()).isNull();
        assertThat(applied.incident().resolvedAt()).isEqualTo(T0.plusSeconds(7200));
    }

    @Test
    void aPersonsResolutionIsNotOverwrittenByTheDetectorsButAnEscalationReopensIt() {
        Incident resolved = opened().resolve("alice", "false alarm", NOW);

        Incident.Applied autoResolved = resolved.apply(event(AlertStatus.RESOLVED, Severity.LOW,
                T0.plusSeconds(7200)), NOW).orElseThrow();
        assertThat(autoResolved.change()).isEqualTo(IncidentChange.UPDATED);
        assertThat(autoResolved.incident().resolvedBy()).isEqualTo("alice");
        assertThat(autoResolved.incident().resolutionNote()).isEqualTo("false alarm");
        assertThat(autoResolved.incident().autoResolved()).isFalse();

        Incident.Applied worse = resolved.apply(event(AlertStatus.ESCALATED, Severity.HIGH, T0.plusSeconds(900)),
                NOW.plusSeconds(5)).orElseThrow();
        assertThat(worse.change()).isEqualTo(IncidentChange.REOPENED);
        assertThat(worse.incident().state()).isEqualTo(IncidentState.OPEN);
        assertThat(worse.incident().reopenedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(worse.incident().resolvedBy()).as("who resolved it stays on record").isEqualTo("alice");
        assertThat(worse.incident().acknowledge("bob", NOW).state()).isEqualTo(IncidentState.ACKNOWLEDGED);
    }

    @Test
    void aDetectionFromAnOlderProducerWithoutStatusIsAnOpenIncident() {
        AlertRaised legacy = new AlertRaised(AlertRaised.SCHEMA_VERSION, "acme:negative-surge:x", "acme",
                "negative-surge", Severity.MEDIUM, "negative_count", 8, 2, T0, T0.plusSeconds(900), T0, "surge",
                List.of());
        Incident incident = Incident.from(legacy, NOW);

        assertThat(incident.state()).isEqualTo(IncidentState.OPEN);
        assertThat(incident.status()).as("stored verbatim").isNull();
    }
}
