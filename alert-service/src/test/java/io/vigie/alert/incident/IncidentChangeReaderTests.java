package io.vigie.alert.incident;

import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the reader hands the feed for each record of {@code incident-changed}; no broker (see MultiReplicaStreamIT). */
class IncidentChangeReaderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong VERSIONS = new AtomicLong();
    private static final Incident INCIDENT = Incident.from(
            IncidentTests.event(AlertStatus.OPEN, Severity.HIGH, Instant.parse("2025-06-01T10:00:00Z")), Instant.now());

    private final IncidentProperties properties = new IncidentProperties("alert-raised", "group", 500, 4000, 500,
            new IncidentProperties.Stream(Duration.ofMinutes(5), Duration.ofMinutes(30), 64, 64, 10,
                    IncidentProperties.FanOut.KAFKA, "incident-changed"),
            new IncidentProperties.Explain(true, Duration.ofDays(14), 500, 2000, 5, 10, Duration.ofSeconds(30), 3));
    private final IncidentFeed feed = new IncidentFeed(properties, JSON);
    private final IncidentChangeReader reader = new IncidentChangeReader(
            new DefaultKafkaConsumerFactory<>(Map.of()), properties, feed, JSON);
    private final List<IncidentFeed.FeedEvent> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        feed.stop();
    }

    @Test
    void eachChangeReachesTheClientsOnceAndInOrderWhateverReplicaStoredIt() {
        subscribe(null);
        reader.read(0, record("replica-a", 1, IncidentChange.OPENED));
        reader.read(0, record("replica-b", 7, IncidentChange.ACKNOWLEDGED));
        reader.read(0, record("replica-b", 7, IncidentChange.ACKNOWLEDGED));
        reader.read(0, record("replica-a", 2, IncidentChange.COMMENTED));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 3);
        assertThat(received).extracting(IncidentFeed.FeedEvent::type)
                .containsExactly("opened", "acknowledged", "commented");
        assertThat(received.get(1).data()).contains("\"type\":\"acknowledged\"")
                .contains("\"id\":\"" + INCIDENT.id() + "\"").doesNotContain("replica-b");
    }

    @Test
    void aChangeStoredBeforeOneAlreadyPassedOnIsNotShownOverIt() {
        subscribe(null);
        // Replica B wrote the comment (seq_no 8) just before replica A wrote the ack (9), but A's record came first.
        reader.read(2, record("replica-a", 1, IncidentChange.ACKNOWLEDGED, new IncidentRepository.Version(1, 9)));
        reader.read(2, record("replica-b", 1, IncidentChange.COMMENTED, new IncidentRepository.Version(1, 8)));
        reader.read(2, record("replica-b", 2, IncidentChange.RESOLVED, new IncidentRepository.Version(2, 3)));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() >= 2);
        assertThat(received).extracting(IncidentFeed.FeedEvent::type).containsExactly("acknowledged", "resolved");
    }

    @Test
    void aChangeLostOnTheWayMakesTheClientsReloadBeforeTheNextOne() {
        subscribe(null);
        reader.read(3, record("replica-b", 1, IncidentChange.OPENED));
        reader.read(3, record("replica-b", 3, IncidentChange.COMMENTED));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        assertThat(received).extracting(IncidentFeed.FeedEvent::type)
                .containsExactly("opened", IncidentFeed.RESYNC, "commented");
    }

    @Test
    void anUnreadableRecordMakesTheClientsReload() {
        subscribe(null);
        reader.read(0, "{not json");

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(received.get(0).type()).isEqualTo(IncidentFeed.RESYNC);
    }

    @Test
    void aClientReplayingPastALossIsToldToReloadToo() {
        subscribe(null);
        reader.read(0, record("replica-a", 1, IncidentChange.OPENED));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        String lastSeen = received.get(0).id();
        reader.read(0, record("replica-a", 5, IncidentChange.RESOLVED));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);

        received.clear();
        subscribe(lastSeen);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received).extracting(IncidentFeed.FeedEvent::type).containsExactly(IncidentFeed.RESYNC, "resolved");
    }

    private void subscribe(String lastEventId) {
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
        }, lastEventId);
    }

    /** A record whose write came after every earlier one of the test (the version grows with the sequence). */
    private static String record(String origin, long sequence, IncidentChange change) {
        return record(origin, sequence, change, new IncidentRepository.Version(1, VERSIONS.incrementAndGet()));
    }

    private static String record(String origin, long sequence, IncidentChange change,
                                 IncidentRepository.Version version) {
        return JSON.writeValueAsString(new IncidentChanged(IncidentChanged.SCHEMA_VERSION, origin, sequence, change,
                INCIDENT, version));
    }
}
