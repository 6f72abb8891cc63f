package io.vigie.alert.notify.channel;

import io.vigie.contracts.AlertRaised;

import java.util.List;

/**
 * What one channel sends in one message: a single alert, or a digest of several alerts of one watch.
 *
 * @param idempotencyKey the same on every attempt of this message, so a receiver can drop a repeat
 * @param watchId        the watch the alerts are about
 * @param watchName      its human name (untrusted: set by users), the id when unknown
 * @param alerts         one alert, or the digest's alerts oldest first
 * @param recipients     email recipients; empty for the channel's defaults
 * @param digest         whether this is a digest (several alerts held back by quiet hours or a digest route)
 * @param possibleRepeat whether an earlier attempt of this message may have arrived (no answer came back, or the
 *                       service stopped before recording it): chat tools have no idempotency key, so the message
 *                       says so and a reader who already has it can ignore it (ADR 0032)
 */
public record Notification(String idempotencyKey, String watchId, String watchName, List<AlertRaised> alerts,
                           List<String> recipients, boolean digest, boolean possibleRepeat) {

    public Notification {
        if (alerts == null || alerts.isEmpty()) {
            throw new IllegalArgumentException("a notification carries at least one alert");
        }
        alerts = List.copyOf(alerts);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        watchName = watchName == null || watchName.isBlank() ? watchId : watchName;
    }

    /** A first attempt: nothing of it can have arrived before. */
    public Notification(String idempotencyKey, String watchId, String watchName, List<AlertRaised> alerts,
                        List<String> recipients, boolean digest) {
        this(idempotencyKey, watchId, watchName, alerts, recipients, digest, false);
    }

    /** The same message, marked as a possible repeat. */
    public Notification asPossibleRepeat() {
        return possibleRepeat ? this : new Notification(idempotencyKey, watchId, watchName, alerts, recipients, digest,
                true);
    }

    /** The alert of a single-alert notification; the latest of a digest. */
    public AlertRaised alert() {
        return alerts.get(alerts.size() - 1);
    }
}
