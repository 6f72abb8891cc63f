package io.vigie.alert.incident;

import io.vigie.alert.AlertApplication;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import io.vigie.testsupport.VigieContainers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two alert-service replicas on the same real Kafka and OpenSearch, as behind the gateway: a live client of either
 * sees every incident change exactly once and in order, whichever replica stored it. Only replica B reads detections
 * (the stream task that opens incidents lives there); people act through both.
 *
 * <p>Shares the JVM's containers with the other ITs: its own detections topic, fan-out topic, consumer groups,
 * notification topic and index, and it removes its incidents when done.
 */
class IncidentStreamReplicasIT {

    private static final String RUN = Long.toString(System.nanoTime(), 36);
    private static final String DETECTIONS = "alert-raised-replicas-it-" + RUN;
    private static final String FAN_OUT = "incident-changed-replicas-it-" + RUN;
    private static final String WATCH = "replicas-it-" + RUN;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        // A reads detections from a topic nobody writes: every incident here is opened by B.
        replicaA = start("a", DETECTIONS + "-unused");
        replicaB = start("b", DETECTIONS);
    }

    @AfterAll
    static void stopReplicasAndRemoveTheirIncidents() throws Exception {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {replicaA, replicaB}) {
            if (replica != null) {
                replica.close();
            }
        }
        if (VigieContainers.OPENSEARCH.isRunning()) {
            HTTP.send(HttpRequest.newBuilder(URI.create(VigieContainers.openSearchUrl() + "/" + IncidentRepository.INDEX
                                    + "/_delete_by_query?refresh=true&conflicts=proceed"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"query\":{\"term\":{\"watchId\":\"" + WATCH + "\"}}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aClientOfEitherReplicaSeesEveryChangeOnceWhicheverReplicaStoredIt() throws Exception {
        SseClient onA = new SseClient(URI.create(base(replicaA) + "/stream"));
        SseClient onB = new SseClient(URI.create(base(replicaB) + "/stream"));
        String id = WATCH + ":negative-surge:" + Instant.now().truncatedTo(ChronoUnit.SECONDS);

        publish(alert(id));
        await().atMost(Duration.ofSeconds(60)).until(() -> get(replicaA, id).statusCode() == 200);
        assertStatus(post(replicaB, id, "ack", "alice", null), 200);
        assertStatus(post(replicaB, id, "comments", "alice", "{\"text\": \"Press release at 15:00\"}"), 200);
        assertStatus(post(replicaA, id, "assign", "bob", "{\"assignee\": \"carol\"}"), 200);
        assertStatus(post(replicaA, id, "resolve", "carol", "{\"note\": \"refunds announced\"}"), 200);

        List<String> expected = List.of("opened", "acknowledged", "commented", "assigned", "resolved");
        for (SseClient client : List.of(onA, onB)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> types(client, id).size() >= expected.size());
        }
        // And nothing more: a change pushed twice would arrive right behind its first copy.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(types(onA, id)).as("replica A's client").containsExactlyElementsOf(expected);
            assertThat(types(onB, id)).as("replica B's client").containsExactlyElementsOf(expected);
        });
        List<SseEvent> seenOnA = ours(onA, id);
        assertThat(seenOnA).extracting(SseEvent::id).doesNotHaveDuplicates().allSatisfy(eventId ->
                assertThat(eventId.substring(0, eventId.lastIndexOf('-')))
                        .isEqualTo(seenOnA.get(0).id().substring(0, seenOnA.get(0).id().lastIndexOf('-'))));
        assertThat(seenOnA.get(0).id()).as("each replica numbers its own events")
                .isNotEqualTo(ours(onB, id).get(0).id());

        // Reconnecting to A with A's id replays the changes after it, stored by either replica.
        SseEvent acknowledged = seenOnA.get(1);
        SseClient againOnA = new SseClient(URI.create(base(replicaA) + "/stream"), acknowledged.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> types(againOnA, id).size() >= 3);
        assertThat(types(againOnA, id)).containsExactly("commented", "assigned", "resolved");

        // Reconnecting to B (the gateway picked the other replica) with A's id: B cannot replay it, the client reloads.
        SseClient movedToB = new SseClient(URI.create(base(replicaB) + "/stream"), acknowledged.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> !movedToB.events().isEmpty());
        assertThat(movedToB.events().get(0).type()).isEqualTo(IncidentFeed.RESYNC);

        for (SseClient client : List.of(onA, onB, againOnA, movedToB)) {
            client.close();
        }
    }

    private static List<SseEvent> ours(SseClient client, String id) {
        return client.events().stream().filter(event -> id.equals(event.incidentId())).toList();
    }

    private static List<String> types(SseClient client, String id) {
        return ours(client, id).stream().map(SseEvent::type).toList();
    }

    private static ConfigurableApplicationContext start(String replica, String detections) throws Exception {
        String stateDir = Files.createTempDirectory("replicas-it-" + replica).toString();
        Map<String, String> properties = Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.kafka.bootstrap-servers", VigieContainers.KAFKA.getBootstrapServers()),
                Map.entry("vigie.opensearch.url", VigieContainers.openSearchUrl()),
                Map.entry("spring.kafka.streams.auto-startup", "false"),
                Map.entry("spring.cloud.stream.kafka.streams.binder.configuration.state.dir", stateDir),
                Map.entry("vigie.alert.incidents.topic", detections),
                Map.entry("vigie.alert.incidents.consumer-group", "replicas-it-" + RUN),
                Map.entry("vigie.alert.incidents.stream.topic", FAN_OUT),
                Map.entry("vigie.alert.incidents.explanation.enabled", "false"),
                Map.entry("vigie.alert.webhook.url", ""),
                Map.entry("vigie.alert.notify.topic", "alert-raised-replicas-it-notify-" + RUN),
                Map.entry("vigie.alert.notify.group", "replicas-it-notify-" + RUN),
                Map.entry("vigie.alert.notify.index", "vigie-deliveries-replicas-it"));
        // As command-line arguments: they outrank application.yml (builder "properties" are only defaults).
        return new SpringApplicationBuilder(AlertApplication.class).run(properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext replica) {
        int port = ((WebServerApplicationContext) replica).getWebServer().getPort();
        return "http://127.0.0.1:" + port + "/api/alerts";
    }

    private static AlertRaised alert(String id) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new AlertRaised(AlertRaised.SCHEMA_VERSION, id, WATCH, "negative-surge", Severity.HIGH,
                "negative_count", 40, 2, now.minus(Duration.ofMinutes(15)), now, now,
                "Negative mentions of " + WATCH + " well above normal", List.of(), AlertStatus.OPEN,
                now.minus(Duration.ofMinutes(15)), 0.99, List.of(), null);
    }

    private static void publish(AlertRaised alert) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(DETECTIONS, alert.watchId(), JSON.writeValueAsString(alert))).get();
        }
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext replica, String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base(replica) + "/" + encode(id))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext replica, String id, String action,
                                             String user, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(replica) + "/" + encode(id) + "/" + action))
                .header(IncidentController.USER_HEADER, user)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
