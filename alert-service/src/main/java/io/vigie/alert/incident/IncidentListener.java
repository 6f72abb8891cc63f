package io.vigie.alert.incident;

import io.vigie.contracts.AlertRaised;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores every detection from {@code alert-raised} as an incident. A plain spring-kafka listener beside the Kafka
 * Streams binder: the offset is committed only after the incident is stored, and a failed store is retried (see
 * {@link IncidentListenerConfiguration}), so an alert is never lost while OpenSearch is down. Notifications are not
 * sent from here: the notification channels consume the topic in their own group.
 */
@Component
public class IncidentListener {

    private static final Logger log = LoggerFactory.getLogger(IncidentListener.class);

    private final IncidentService incidents;
    private final JsonMapper json;
    private final String topic;
    private final String groupId;

    IncidentListener(IncidentService incidents, JsonMapper json, IncidentProperties properties) {
        this.incidents = incidents;
        this.json = json;
        this.topic = properties.topic();
        this.groupId = properties.consumerGroup();
    }

    /** The topic, read by the listener annotation. */
    public String getTopic() {
        return topic;
    }

    /** The consumer group, read by the listener annotation. */
    public String getGroupId() {
        return groupId;
    }

    @KafkaListener(id = "incident-store", groupId = "#{__listener.groupId}", topics = "#{__listener.topic}",
            containerFactory = IncidentListenerConfiguration.CONTAINER_FACTORY)
    void onAlert(String payload) {
        AlertRaised alert;
        try {
            alert = json.readValue(payload, AlertRaised.class);
        } catch (JacksonException e) {
            // Only this service writes alert-raised; an unreadable record cannot become readable by retrying.
            log.error("Skipped an unreadable record on {}: {}", topic, e.getOriginalMessage());
            return;
        }
        if (alert.id() == null || alert.id().isBlank() || alert.watchId() == null) {
            log.error("Skipped an alert without id or watch on {}: {}", topic, alert);
            return;
        }
        incidents.record(alert);
    }
}
