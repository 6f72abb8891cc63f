package io.vigie.alert.incident;

import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** With Kafka unreachable, a stored change is not an error for whoever stored it: the live clients reload instead. */
class KafkaIncidentChangesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Incident INCIDENT = Incident.from(
            IncidentTests.event(AlertStatus.OPEN, Severity.HIGH, Instant.parse("2025-06-01T10:00:00Z")), Instant.now());

    private final IncidentProperties properties = new IncidentProperties("alert-raised", "group", 500, 4000, 500,
            new IncidentProperties.Stream(Duration.ofMinutes(5), Duration.ofMinutes(30), 64, 64, 10,
                    IncidentProperties.FanOut.KAFKA, "incident-changed"),
            new IncidentProperties.Explain(true, Duration.ofDays(14), 500, 2000, 5, 10, Duration.ofSeconds(30), 3));
    private final IncidentFeed feed = new IncidentFeed(properties, JSON);
    // Nothing listens on port 1: the broker is down.
    private final KafkaIncidentChanges changes = new KafkaIncidentChanges(new DefaultKafkaProducerFactory<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1")), properties, feed, JSON);

    @AfterEach
    void stop() {
        feed.stop();
        changes.destroy();
    }

    @Test
    void aChangeThatCannotReachKafkaNeitherFailsNorHoldsUpTheWriterAndTheClientsReload() {
        List<IncidentFeed.FeedEvent> received = new CopyOnWriteArrayList<>();
        feed.subscribe(new IncidentFeed.EventSink() {
            @Override
            public void send(IncidentFeed.FeedEvent event) {
                received.add(event);
            }

            @Override
            public void heartbeat() {
            }

            @Override
            public void close() {
            }
        }, null);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> changes.stored(IncidentChange.ACKNOWLEDGED, INCIDENT,
                new IncidentRepository.Version(1, 1)));

        await().atMost(Duration.ofSeconds(5)).until(() -> !received.isEmpty());
        assertThat(received).extracting(IncidentFeed.FeedEvent::type).containsExactly(IncidentFeed.RESYNC);
    }
}
