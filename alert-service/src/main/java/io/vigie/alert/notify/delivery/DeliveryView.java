package io.vigie.alert.notify.delivery;

import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;

import java.time.Instant;

/**
 * A delivery as the API shows it: no payload, no recipients list (personal data), no secrets. {@code possibleRepeat}:
 * an attempt may have arrived unrecorded, so the receiver may show the message twice (ADR 0032).
 */
public record DeliveryView(String id, String alertId, String watchId, AlertStatus status, Severity severity,
                           String channel, DeliveryState state, int attempts, String lastError, Instant createdAt,
                           Instant dueAt, boolean digest, Instant deliveredAt, Instant updatedAt,
                           boolean possibleRepeat) {

    static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id(), d.alertId(), d.watchId(), d.status(), d.severity(), d.channel(), d.state(),
                d.attempts(), d.lastError(), d.createdAt(), d.dueAt(), d.digestKey() != null, d.deliveredAt(),
                d.updatedAt(), d.unconfirmedAttempt());
    }
}
