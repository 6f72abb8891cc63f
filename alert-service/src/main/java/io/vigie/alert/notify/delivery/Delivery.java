package io.vigie.alert.notify.delivery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;

import java.time.Instant;
import java.util.List;

/**
 * The record of one delivery, stored in OpenSearch under {@link #id()} before the alert's Kafka offset is committed.
 * The alert travels with it, so a pending delivery or digest is sent after a restart without re-reading Kafka.
 *
 * @param id         {@code <alertId>:<status>:<severity>:<channel>}: one delivery per change of the alert per channel
 * @param seq        creation order, so a channel sends in the order alerts arrived
 * @param dueAt      not before this instant (quiet hours, digests)
 * @param digestKey  null, or the key shared by the deliveries sent together as one digest
 * @param attempts   calls made to the receiver so far
 * @param lastError  the last failure, free of secrets
 * @param leaseUntil while {@code sending}: when another worker may take it over (this one died)
 * @param unconfirmedAttempt whether an earlier attempt may have reached the receiver unrecorded (it got no answer, or
 *                   its worker died while holding it): later attempts go out marked as a possible repeat (ADR 0032)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Delivery(
        String id,
        String alertId,
        String watchId,
        String watchName,
        AlertStatus status,
        Severity severity,
        String channel,
        List<String> recipients,
        DeliveryState state,
        int attempts,
        String lastError,
        long seq,
        Instant createdAt,
        Instant dueAt,
        String digestKey,
        Instant updatedAt,
        Instant deliveredAt,
        Instant leaseUntil,
        AlertRaised alert,
        boolean unconfirmedAttempt) {

    public Delivery {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** A delivery no attempt has been made of yet. */
    public Delivery(String id, String alertId, String watchId, String watchName, AlertStatus status, Severity severity,
                    String channel, List<String> recipients, DeliveryState state, int attempts, String lastError,
                    long seq, Instant createdAt, Instant dueAt, String digestKey, Instant updatedAt,
                    Instant deliveredAt, Instant leaseUntil, AlertRaised alert) {
        this(id, alertId, watchId, watchName, status, severity, channel, recipients, state, attempts, lastError, seq,
                createdAt, dueAt, digestKey, updatedAt, deliveredAt, leaseUntil, alert, false);
    }

    public static String id(AlertRaised alert, String channel) {
        return idempotencyKey(alert) + ":" + channel;
    }

    /** {@code <alertId>:<status>:<severity>}: what the receiver sees in {@code Idempotency-Key}, the same on retries. */
    public static String idempotencyKey(AlertRaised alert) {
        return alert.id() + ":" + alert.effectiveStatus().name().toLowerCase(java.util.Locale.ROOT) + ":"
                + (alert.severity() == null ? "unknown" : alert.severity().name().toLowerCase(java.util.Locale.ROOT));
    }

    Delivery with(DeliveryState newState, int newAttempts, String error, Instant now, Instant delivered,
                  Instant lease) {
        return new Delivery(id, alertId, watchId, watchName, status, severity, channel, recipients, newState,
                newAttempts, error, seq, createdAt, dueAt, digestKey, now, delivered, lease, alert,
                unconfirmedAttempt);
    }

    /** The same record, its next attempts marked as a possible repeat. */
    Delivery withUnconfirmedAttempt() {
        return unconfirmedAttempt ? this : new Delivery(id, alertId, watchId, watchName, status, severity, channel,
                recipients, state, attempts, lastError, seq, createdAt, dueAt, digestKey, updatedAt, deliveredAt,
                leaseUntil, alert, true);
    }
}
