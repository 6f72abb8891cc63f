package io.vigie.alert.notify.route;

import java.time.Instant;
import java.util.List;

/**
 * One channel an alert goes to, and when.
 *
 * @param channel    channel name
 * @param recipients email recipients from the routes; empty for the channel's defaults
 * @param dueAt      when to send: now, the end of the quiet period, or the digest time
 * @param digestKey  null to send on its own; else alerts sharing the key go out as one digest at {@code dueAt}
 */
public record PlannedDelivery(String channel, List<String> recipients, Instant dueAt, String digestKey) {
    public PlannedDelivery {
        recipients = List.copyOf(recipients);
    }
}
