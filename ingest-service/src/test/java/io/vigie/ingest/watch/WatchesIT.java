package io.vigie.ingest.watch;

import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.WatchChanged;
import io.vigie.ingest.MentionIngestedRecords;
import io.vigie.ingest.config.IngestProperties;
import io.vigie.testsupport.VigieContainers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Watches, push and import on real Kafka: a watch created through the API is on the watch topic and a fresh
 * instance rebuilt from the topic has it; pushed and imported mentions land on {@code mention-ingested} with the
 * ids of the watches they match.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ImportTestcontainers(VigieContainers.class)
class WatchesIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WatchStoreProperties store;
    @Autowired
    ConsumerFactory<?, ?> consumers;
    @Autowired
    KafkaTemplate<String, Object> kafka;
    @Autowired
    KafkaAdmin admin;
    @Autowired
    JsonMapper json;
    @Autowired
    IngestProperties properties;

    @LocalServerPort
    int port;

    @Test
    void aWatchCreatedThroughTheApiIsStoredOnTheTopicAndRebuiltByAFreshInstance() {
        RestClient api = api();
        ResponseEntity<String> created = api.post().uri("/api/watches").contentType(MediaType.APPLICATION_JSON)
                .body("{\"id\": \"it-acme\", \"name\": \"ACME\", \"query\": \"\\\"acme widget\\\" OR acmewidgets\","
                        + " \"timeZone\": \"Europe/Paris\", \"pollInterval\": \"PT2M\", \"alerting\": {\"sensitivity\": \"high\","
                        + " \"detectors\": {\"silence\": \"off\"}, \"routes\": [{\"minSeverity\": \"high\","
                        + " \"channels\": [\"slack-comms\"], \"digest\": \"none\"}],"
                        + " \"quietHours\": {\"from\": \"22:00\", \"to\": \"07:00\"}}}")
                .retrieve().toEntity(String.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        api.post().uri("/api/watches/it-acme/pause").retrieve().toBodilessEntity();

        WatchRepository rebuilt = freshInstance();

        assertThat(rebuilt.find("it-acme")).hasValueSatisfying(watch -> {
            assertThat(watch.query()).isEqualTo("\"acme widget\" OR acmewidgets");
            assertThat(watch.timeZone()).isEqualTo("Europe/Paris");
            assertThat(watch.paused()).isTrue();
            assertThat(watch.pollInterval()).isEqualTo(Duration.ofMinutes(2));
            assertThat(watch.alerting().sensitivity()).isEqualTo(Sensitivity.HIGH);
            assertThat(watch.alerting().detectors()).containsEntry("silence", Sensitivity.OFF);
            assertThat(watch.alerting().routes()).singleElement()
                    .satisfies(route -> assertThat(route.channels()).containsExactly("slack-comms"));
            assertThat(watch.alerting().quietHours().to()).isEqualTo("07:00");
        });

        api.delete().uri("/api/watches/it-acme").retrieve().toBodilessEntity();

        assertThat(freshInstance().find("it-acme")).isEmpty();
    }

    @Test
    void anotherInstancesChangeIsFollowed() {
        WatchChangeLog other = new WatchChangeLog(new WatchRepository(), consumers, kafka, admin, json, store,
                properties.topics().replicationFactor());
        other.load();
        other.record(new WatchChanged(WatchChanged.SCHEMA_VERSION, "it-other", new io.vigie.contracts.WatchDefinition(
                "it-other", "Other", "other", List.of(), "UTC", false, null, List.of()), java.time.Instant.now(), "it"));

        other.stop();

        await().atMost(Duration.ofSeconds(30)).until(() -> api().get().uri("/api/watches/it-other")
                .exchange((request, response) -> response.getStatusCode().value()) == 200);
    }

    @Test
    void pushedMentionsArePublishedWithTheWatchesTheyMatchAndOthersDropped() {
        createWatch("it-push", "zorblax");
        String run = UUID.randomUUID().toString();
        String jsonl = String.join("\n",
                "{\"nativeId\": \"" + run + "-1\", \"text\": \"Zorblax a doublé mes factures\", \"language\": \"fr\"}",
                "{\"nativeId\": \"" + run + "-2\", \"title\": \"ZORBLAX outage\", \"text\": \"down again\"}",
                "{\"nativeId\": \"" + run + "-3\", \"text\": \"nothing to see\"}",
                "{\"text\": \"zorblax without id\"}");

        JsonNode result = JSON.readTree(api().post().uri("/api/ingest/mentions").contentType(
                MediaType.parseMediaType("application/x-ndjson")).body(jsonl).retrieve().body(String.class));

        assertThat(result.get("published").asInt()).isEqualTo(2);
        assertThat(result.get("unmatched").asInt()).isEqualTo(1);
        assertThat(result.get("rejected").get(0).get("index").asInt()).isEqualTo(3);
        Map<String, MentionIngested> published = mentionsById();
        assertThat(published.get(MentionId.of("push", run + "-1")).watchIds()).containsExactly("it-push");
        assertThat(published.get(MentionId.of("push", run + "-2")).watchIds()).containsExactly("it-push");
        assertThat(published.get(MentionId.of("push", run + "-1")).fingerprint()).matches("[0-9a-f]{16}");
        assertThat(published).doesNotContainKey(MentionId.of("push", run + "-3"));
    }

    @Test
    void anImportedCsvIsPublishedAndItsBadLineReported() {
        createWatch("it-import", "quuxcorp");
        String run = UUID.randomUUID().toString();
        String csv = "nativeId,sourceType,publishedAt,text\n"
                + run + "-1,archive,2025-09-01T08:00:00Z,Quuxcorp raised prices\n"
                + run + "-2,archive,yesterday,Quuxcorp again\n"
                + run + "-3,archive,2025-09-02T08:00:00Z,\"Quuxcorp, \"\"again\"\"\"\n";

        ResponseEntity<String> started = api().post().uri("/api/ingest/import")
                .contentType(MediaType.parseMediaType("text/csv")).body(csv).retrieve().toEntity(String.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String location = started.getHeaders().getLocation().toString();
        JsonNode report = await().atMost(Duration.ofSeconds(30))
                .until(() -> JSON.readTree(api().get().uri(location).retrieve().body(String.class)),
                        body -> !body.get("status").asString().equals("running"));

        assertThat(report.get("status").asString()).isEqualTo("completed");
        assertThat(report.get("published").asInt()).isEqualTo(2);
        assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(report.get("errors").get(0).get("error").asString()).contains("publishedAt");
        MentionIngested imported = mentionsById().get(MentionId.of("archive", run + "-3"));
        assertThat(imported.text()).isEqualTo("Quuxcorp, \"again\"");
        assertThat(imported.watchIds()).containsExactly("it-import");
    }

    @Test
    void aFormUploadLargerThanServletLimitsIsImported() {
        createWatch("it-upload", "zorbcorp");
        String run = UUID.randomUUID().toString();
        StringBuilder csv = new StringBuilder("nativeId,sourceType,publishedAt,text\n")
                .append(run).append("-0,archive,2025-09-01T08:00:00Z,Zorbcorp raised prices\n");
        // Over 2 MB of lines matching no watch: more than servlet multipart parsing would accept by default.
        for (int line = 1; csv.length() < 2_200_000; line++) {
            csv.append(run).append('-').append(line).append(",archive,2025-09-01T08:00:00Z,nothing to see here\n");
        }
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(csv.toString().getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "history.csv";
            }
        });

        ResponseEntity<String> started = api().post().uri("/api/ingest/import")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form).retrieve().toEntity(String.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String location = started.getHeaders().getLocation().toString();
        JsonNode report = await().atMost(Duration.ofSeconds(60))
                .until(() -> JSON.readTree(api().get().uri(location).retrieve().body(String.class)),
                        body -> !body.get("status").asString().equals("running"));

        assertThat(report.get("status").asString()).isEqualTo("completed");
        assertThat(report.get("published").asInt()).isEqualTo(1);
        assertThat(report.get("rejected").asInt()).isZero();
        assertThat(mentionsById().get(MentionId.of("archive", run + "-0")).watchIds()).containsExactly("it-upload");
    }

    private void createWatch(String id, String query) {
        api().post().uri("/api/watches").contentType(MediaType.APPLICATION_JSON)
                .body("{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"query\": \"" + query + "\"}")
                .retrieve().toBodilessEntity();
    }

    private WatchRepository freshInstance() {
        WatchChangeLog log = new WatchChangeLog(new WatchRepository(), consumers, kafka, admin, json, store,
                properties.topics().replicationFactor());
        log.load();
        log.stop();
        return log.repository();
    }

    private static Map<String, MentionIngested> mentionsById() {
        return MentionIngestedRecords.readAll().stream()
                .map(ConsumerRecord::value)
                .map(value -> JSON.readValue(value, MentionIngested.class))
                .collect(Collectors.toMap(MentionIngested::id, Function.identity(), (first, second) -> second));
    }

    private RestClient api() {
        return RestClient.create("http://127.0.0.1:" + port);
    }
}
