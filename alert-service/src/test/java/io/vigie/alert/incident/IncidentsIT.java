package io.vigie.alert.incident;

import io.vigie.alert.DemoDataset;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import io.vigie.contracts.SentimentLabel;
import io.vigie.contracts.Topics;
import io.vigie.testsupport.VigieContainers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Incidents on a real Kafka and a real OpenSearch: detections published on {@code alert-raised} (open, escalated,
 * re-delivered, out of order, resolved) become incidents people acknowledge, assign, comment and resolve through the
 * API, explained from mentions in {@code vigie-mentions}, with every change pushed to a live SSE client.
 *
 * <p>It shares the containers with the other ITs of the JVM, so it keeps to itself: its own copy of the
 * {@code alert-raised} topic (AlertPipelineIT asserts what that topic holds), watch, consumer group and Streams
 * state, and it removes its incidents when done. The Streams topology does not start in this context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigie.alert.incidents.topic=" + IncidentsIT.TOPIC,
        "vigie.alert.incidents.consumer-group=incidents-it",
        "spring.kafka.streams.auto-startup=false",
        // No second explanation while the test compares update times (it re-explains when the index lags).
        "vigie.alert.incidents.explanation.retry-delay=10m"})
@ImportTestcontainers(VigieContainers.class)
class IncidentsIT {

    private static final Logger log = LoggerFactory.getLogger(IncidentsIT.class);
    static final String TOPIC = Topics.ALERT_RAISED + "-incidents-it";
    private static final String WATCH = "incidents-it-" + System.nanoTime();
    private static final String DETECTOR = "negative-surge";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path MENTIONS_TEMPLATE =
            Path.of("../sentiment-service/src/main/resources/opensearch/vigie-mentions-template.json");

    /** The demo crisis started an hour ago; the ordinary days before it are the baseline. */
    private static final Instant CRISIS = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    private static final Instant WINDOW_END = CRISIS.plus(Duration.ofMinutes(15));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String stateDir = Files.createTempDirectory("incidents-it-streams").toString();
        registry.add("spring.cloud.stream.kafka.streams.binder.configuration.state.dir", () -> stateDir);
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void removeThisTestsIncidents() throws Exception {
        if (!VigieContainers.OPENSEARCH.isRunning()) {
            return;
        }
        openSearch("POST", "/" + IncidentRepository.INDEX + "/_delete_by_query?refresh=true&conflicts=proceed",
                "{\"query\":{\"term\":{\"watchId\":\"" + WATCH + "\"}}}");
    }

    @Test
    void detectionsBecomeIncidentsThatPeopleHandleThatExplainThemselvesAndThatAreStreamedLive() throws Exception {
        indexDemoMentions();
        SseClient sse = new SseClient(URI.create(base() + "/stream"));
        String surge = WATCH + ":" + DETECTOR + ":" + CRISIS;
        String other = WATCH + ":" + DETECTOR + ":" + CRISIS.plusSeconds(3600);
        Instant t = Instant.now();

        // Open, then escalated; then the escalation again (re-delivery) and the open again (out of order).
        AlertRaised open = alert(surge, Severity.LOW, AlertStatus.OPEN, t);
        AlertRaised escalated = alert(surge, Severity.HIGH, AlertStatus.ESCALATED, t.plusSeconds(60));
        publish(open);
        Incident first = await().atMost(Duration.ofSeconds(60)).until(() -> find(surge), i -> i != null);
        assertThat(first.state()).isEqualTo(IncidentState.OPEN);
        assertThat(first.severity()).isEqualTo(Severity.LOW);
        publish(escalated);
        await().atMost(Duration.ofSeconds(30)).until(() -> find(surge).severity() == Severity.HIGH);
        // The escalation is explained in the background right after it is stored: that write is not the one checked.
        await().atMost(Duration.ofSeconds(60)).until(() -> find(surge).explanation(),
                e -> e != null && e.severity() == Severity.HIGH);
        Instant updatedAt = find(surge).updatedAt();
        publish(escalated);
        publish(open);
        // A later record of the same watch (same partition) is stored only after those two were consumed.
        publish(alert(other, Severity.MEDIUM, AlertStatus.OPEN, t.plusSeconds(120)));
        await().atMost(Duration.ofSeconds(30)).until(() -> find(other) != null);

        Incident incident = find(surge);
        assertThat(incident.severity()).as("not rolled back by the older event").isEqualTo(Severity.HIGH);
        assertThat(incident.status()).isEqualTo(AlertStatus.ESCALATED);
        assertThat(incident.updatedAt()).as("a re-delivered event changes nothing").isEqualTo(updatedAt);
        assertThat(incident.severityHistory()).extracting(SeverityChange::severity)
                .containsExactly(Severity.LOW, Severity.HIGH);

        // Listing and filters.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(list("?watch=" + WATCH)).extracting(Incident::id).containsExactly(other, surge));
        assertThat(list("?watch=" + WATCH + "&severity=high")).extracting(Incident::id).containsExactly(surge);
        assertThat(list("?watch=" + WATCH + "&status=open&detector=" + DETECTOR + "&size=1"))
                .extracting(Incident::id).containsExactly(other);
        assertThat(list("?watch=" + WATCH + "&from=" + t.plusSeconds(90))).extracting(Incident::id)
                .containsExactly(other);
        HttpResponse<String> page = get("?watch=" + WATCH + "&size=1&page=1");
        assertThat(page.headers().firstValue(IncidentController.TOTAL_HEADER)).hasValue("2");
        assertProblem(get("?status=snoozed"), 400, "status must be one of open, acknowledged, resolved");
        assertProblem(get("?size=100000"), 400, "size must be between 1 and");
        assertProblem(get("?from=yesterday"), 400, "ISO-8601");

        // People: acknowledge, assign, comment, resolve; conflicting transitions are refused with a reason.
        Incident acked = JSON.readValue(assertStatus(post(surge, "ack", "alice", null), 200).body(), Incident.class);
        assertThat(acked.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(acked.acknowledgedBy()).isEqualTo("alice");
        assertProblem(post(surge, "ack", "bob", null), 409, "already acknowledged by alice");
        assertThat(JSON.readValue(assertStatus(post(other, "ack", null, null), 200).body(), Incident.class)
                .acknowledgedBy()).isEqualTo("anonymous");

        assertThat(JSON.readValue(assertStatus(post(surge, "assign", "alice", "{\"assignee\": \"bob\"}"), 200).body(),
                Incident.class).assignee()).isEqualTo("bob");
        assertProblem(post(surge, "assign", "alice", "{}"), 400, "assignee is required");

        String markup = "<script>alert('x')</script> Press release at 15:00";
        Incident commented = JSON.readValue(assertStatus(post(surge, "comments", "bob",
                JSON.writeValueAsString(Map.of("text", markup))), 200).body(), Incident.class);
        assertThat(commented.comments()).singleElement().satisfies(comment -> {
            assertThat(comment.author()).isEqualTo("bob");
            assertThat(comment.text()).as("stored as typed, plain text").isEqualTo(markup);
            assertThat(comment.at()).isNotNull();
        });
        assertProblem(post(surge, "comments", "bob", "{\"text\": \"   \"}"), 400, "must not be blank");
        assertProblem(post(surge, "comments", "bob", JSON.writeValueAsString(Map.of("text", "x".repeat(5000)))), 400,
                "the most is 4000");

        Incident resolved = JSON.readValue(assertStatus(post(surge, "resolve", "alice",
                "{\"note\": \"refunds announced\"}"), 200).body(), Incident.class);
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo("alice");
        assertThat(resolved.resolutionNote()).isEqualTo("refunds announced");
        assertProblem(post(surge, "resolve", "bob", null), 409, "already resolved");
        assertProblem(post(surge, "ack", "bob", null), 409, "nothing left to acknowledge");
        assertProblem(post(surge, "assign", "bob", "{\"assignee\": \"carol\"}"), 409, "already resolved");
        assertProblem(get("/no-such-incident"), 404, "no incident with id");
        assertProblem(post("no-such-incident", "ack", "bob", null), 404, "no incident with id");

        // The detector's resolution: it resolves the other incident, and leaves alice's resolution as she wrote it.
        publish(alert(surge, Severity.HIGH, AlertStatus.RESOLVED, t.plusSeconds(600)));
        publish(alert(other, Severity.MEDIUM, AlertStatus.RESOLVED, t.plusSeconds(600)));
        Incident autoResolved = await().atMost(Duration.ofSeconds(30))
                .until(() -> find(other), i -> i.state() == IncidentState.RESOLVED);
        assertThat(autoResolved.autoResolved()).isTrue();
        assertThat(autoResolved.acknowledgedBy()).isEqualTo("anonymous");
        Incident stillHers = await().atMost(Duration.ofSeconds(30))
                .until(() -> find(surge), i -> i.status() == AlertStatus.RESOLVED);
        assertThat(stillHers.resolvedBy()).isEqualTo("alice");
        assertThat(stillHers.resolutionNote()).isEqualTo("refunds announced");
        assertThat(stillHers.autoResolved()).isFalse();
        assertThat(stillHers.comments()).hasSize(1);
        assertThat(stillHers.assignee()).isEqualTo("bob");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(list("?watch=" + WATCH + "&status=resolved")).hasSize(2));

        // Each incident explains itself: what the crisis mentions are about, compared to the two weeks before.
        Explanation explanation = await().atMost(Duration.ofSeconds(60))
                .until(() -> find(surge).explanation(), e -> e != null && e.severity() == Severity.HIGH);
        List<String> terms = explanation.topTerms().stream().map(TopTerm::term).toList();
        log.info("Explanation: {}", explanation);
        assertThat(terms).isNotEmpty().doesNotContain("nuvelia", "the", "les");
        // The demo crisis is a double direct debit ("prélevé deux fois", "charged twice") and a data leak.
        assertThat(terms.subList(0, Math.min(5, terms.size()))).containsAnyOf("double", "twice", "fois", "charged",
                "donnees");
        assertThat(explanation.episodeMentions()).isPositive();
        assertThat(explanation.baselineMentions()).isGreaterThan(1000);
        assertThat(explanation.bySource()).containsOnlyKeys("demo");
        assertThat(explanation.byLanguage()).containsKeys("fr", "en");
        assertThat(explanation.topMentions()).isNotEmpty();
        assertThat(explanation.topMentions().get(0).label()).isEqualTo(SentimentLabel.NEGATIVE);

        // The live client saw every change, each with an id and a type.
        List<SseEvent> expected = List.of(new SseEvent(null, "opened", surge), new SseEvent(null, "escalated", surge),
                new SseEvent(null, "opened", other), new SseEvent(null, "acknowledged", surge),
                new SseEvent(null, "assigned", surge), new SseEvent(null, "commented", surge),
                new SseEvent(null, "resolved", surge), new SseEvent(null, "resolved", other),
                new SseEvent(null, "explained", surge));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sse.events())
                .extracting(SseEvent::type, SseEvent::incidentId)
                .contains(expected.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.type(), e.incidentId()))
                        .toArray(org.assertj.core.groups.Tuple[]::new)));
        List<SseEvent> ours = sse.events().stream().filter(e -> e.incidentId().startsWith(WATCH)).toList();
        assertThat(ours).allSatisfy(e -> assertThat(e.id()).isNotBlank());
        assertThat(ours.stream().filter(e -> e.type().equals("escalated") && e.incidentId().equals(surge)))
                .as("the re-delivered escalation was not pushed again").hasSize(1);

        // Reconnecting with the last id seen replays what came after it, and only that.
        SseEvent acknowledged = ours.stream().filter(e -> e.type().equals("acknowledged") && e.incidentId().equals(surge))
                .findFirst().orElseThrow();
        SseClient again = new SseClient(URI.create(base() + "/stream"), acknowledged.id());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(again.events())
                .extracting(SseEvent::type, SseEvent::incidentId)
                .contains(org.assertj.core.groups.Tuple.tuple("assigned", surge),
                        org.assertj.core.groups.Tuple.tuple("resolved", other))
                .doesNotContain(org.assertj.core.groups.Tuple.tuple("opened", surge),
                        org.assertj.core.groups.Tuple.tuple("acknowledged", surge)));
        sse.close();
        again.close();
    }

    private String base() {
        return "http://127.0.0.1:" + port + "/api/alerts";
    }

    private static AlertRaised alert(String id, Severity severity, AlertStatus status, Instant raisedAt) {
        return new AlertRaised(AlertRaised.SCHEMA_VERSION, id, WATCH, DETECTOR, severity, "negative_count",
                severity == Severity.HIGH ? 40 : 8, 2, CRISIS, WINDOW_END, raisedAt,
                "Negative mentions of " + WATCH + " well above normal", List.of("demo:demo-001782"), status, CRISIS,
                0.99, List.of(), null);
    }

    private static void publish(AlertRaised alert) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(TOPIC, alert.watchId(), JSON.writeValueAsString(alert))).get();
        }
    }

    private Incident find(String id) throws Exception {
        HttpResponse<String> response = get("/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
        return response.statusCode() == 404 ? null : JSON.readValue(assertStatus(response, 200).body(), Incident.class);
    }

    private List<Incident> list(String query) throws Exception {
        return List.of(JSON.readValue(assertStatus(get(query), 200).body(), Incident[].class));
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String id, String action, String user, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/"
                        + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8) + "/" + action))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header(IncidentController.USER_HEADER, user);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> assertStatus(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertStatus(response, status);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("detail").asString()).contains(detail);
    }

    /** The mentions index as sentiment-service sets it up, with the demo dataset as this test's watch's mentions. */
    private static void indexDemoMentions() throws Exception {
        String template = Files.readString(MENTIONS_TEMPLATE);
        openSearch("PUT", "/_index_template/vigie-mentions", template);
        HttpResponse<String> alias = openSearch("HEAD", "/_alias/vigie-mentions", null);
        if (alias.statusCode() == 404) {
            openSearch("PUT", "/vigie-mentions-000001", "{\"aliases\":{\"vigie-mentions\":{\"is_write_index\":true}}}");
        }
        StringBuilder bulk = new StringBuilder();
        for (DemoDataset.Line line : DemoDataset.lines()) {
            Instant published = CRISIS.plusSeconds(line.offsetSeconds());
            Map<String, Object> document = new LinkedHashMap<>();
            String id = WATCH + ":" + line.mentionId();
            document.put("id", id);
            document.put("watchIds", List.of(WATCH));
            document.put("source", Map.of("type", "demo", "name", line.sourceName()));
            document.put("url", line.url());
            Map<String, Object> author = new HashMap<>();
            if (line.author() != null) {
                author.put("name", line.author().name());
                author.put("followers", line.author().followers());
            }
            document.put("author", author);
            String field = "fr".equals(line.lang()) ? "_fr" : "en".equals(line.lang()) ? "_en" : "";
            document.put("text" + field, line.text());
            if (line.title() != null) {
                document.put("title" + field, line.title());
            }
            document.put("language", line.lang());
            document.put("publishedAt", published.toString());
            document.put("sentiment", Map.of("label", line.tone(), "score", 0, "confidence", 0.9));
            bulk.append(JSON.writeValueAsString(Map.of("index", Map.of("_index", "vigie-mentions", "_id", id))))
                    .append('\n').append(JSON.writeValueAsString(document)).append('\n');
        }
        HttpResponse<String> response = openSearch("POST", "/_bulk?refresh=true", bulk.toString());
        assertThat(JSON.readTree(response.body()).path("errors").asBoolean()).as(response.body()).isFalse();
    }

    private static HttpResponse<String> openSearch(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(VigieContainers.openSearchUrl() + path))
                .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isLessThan(500);
        return response;
    }
}
