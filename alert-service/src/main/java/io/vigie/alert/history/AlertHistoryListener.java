package io.vigie.alert.history;

import io.vigie.alert.notify.WebhookNotifier;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps every raised alert in OpenSearch, then notifies. A plain spring-kafka listener beside the Kafka Streams
 * binder: the offset is committed only after the alert is stored, and a failed store is retried (see
 * {@link AlertHistoryConfiguration}), so an alert is never lost while OpenSearch is down.
 */
@Component
class AlertHistoryListener {

    private static final Logger log = LoggerFactory.getLogger(AlertHistoryListener.class);

    private final AlertRepository alerts;
    private final WebhookNotifier webhook;
    private final JsonMapper json;

    AlertHistoryListener(AlertRepository alerts, WebhookNotifier webhook, JsonMapper json) {
        this.alerts = alerts;
        this.webhook = webhook;
        this.json = json;
    }

    @KafkaListener(id = "alert-history", groupId = "${vigie.alert.history.group:vigie-alert-history}",
            topics = Topics.ALERT_RAISED)
    void onAlert(String payload) {
        AlertRaised alert;
        try {
            alert = json.readValue(payload, AlertRaised.class);
        } catch (JacksonException e) {
            // Only this service writes alert-raised; an unreadable record cannot become readable by retrying.
            log.error("Skipped an unreadable record on {}: {}", Topics.ALERT_RAISED, e.getOriginalMessage());
            return;
        }
        alerts.save(alert);
        webhook.notify(alert);
    }
}
