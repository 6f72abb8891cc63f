package io.vigie.ingest.cursor;

import io.vigie.contracts.Topics;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.testsupport.VigieContainers;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On real Kafka: a polled feed's cursor lands in {@code source-cursors} and a new process resumes from it, every
 * poll is announced on {@code source-polled}, two processes sharing the work never own the same source, and the
 * health API shows the resilience fields.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ImportTestcontainers(VigieContainers.class)
class SourceCursorsIT {

    private static final MockWebServer FEEDS = new MockWebServer();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ETAG = "\"cursor-it-v1\"";

    static {
        FEEDS.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (ETAG.equals(request.getHeaders().get("If-None-Match"))) {
                    return new MockResponse.Builder().code(304).build();
                }
                try {
                    return new MockResponse.Builder().code(200).setHeader("ETag", ETAG)
                            .setHeader("X-RateLimit-Remaining", "99").setHeader("X-RateLimit-Limit", "100")
                            .setHeader("Content-Type", "application/atom+xml; charset=utf-8")
                            .body(new Buffer().write(fixture()))
                            .build();
                } catch (IOException e) {
                    return new MockResponse.Builder().code(500).build();
                }
            }
        });
        try {
            FEEDS.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the feed server", e);
        }
    }

    private static byte[] fixture() throws IOException {
        try (var in = SourceCursorsIT.class.getResourceAsStream("/fixtures/rss/feedjira_google_alerts_atom.xml")) {
            return in.readAllBytes();
        }
    }

    @DynamicPropertySource
    static void watchOnTheFeedServer(DynamicPropertyRegistry registry) {
        registry.add("vigie.ingest.watches[0].id", () -> "it-cursors");
        registry.add("vigie.ingest.watches[0].keywords[0]", () -> "slack");
        registry.add("vigie.ingest.watches[0].feeds[0]", () -> FEEDS.url("/cursors/feed").toString());
        registry.add("vigie.ingest.rss.poll-interval", () -> "300ms");
    }

    @Autowired
    ConsumerFactory<String, String> consumers;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    private final String feedSource = "rss:" + FEEDS.url("/cursors/feed");

    @Test
    void theCursorIsStoredInKafkaAndANewProcessResumesFromIt() {
        await().atMost(Duration.ofSeconds(60)).until(() -> latest(KafkaSourceCursors.TOPIC, feedSource) != null);
        JsonNode stored = JSON.readTree(latest(KafkaSourceCursors.TOPIC, feedSource).value());
        assertThat(stored.get("sourceInstance").asString()).isEqualTo(feedSource);
        assertThat(stored.get("values").get("etag").asString()).isEqualTo(ETAG);

        // Alone, as a single process: sharing would only add a group join to what this test shows.
        KafkaSourceCursors restarted = cursors(new PollingProperties(4, Duration.ofSeconds(1), false, "unused"));
        restarted.start();
        try {
            SourceInstance feed = SourceInstance.of("rss", FEEDS.url("/cursors/feed").toString());
            await().atMost(Duration.ofSeconds(30)).until(() -> restarted.owns(feed));
            assertThat(restarted.get(feed).get("etag")).isEqualTo(ETAG);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void everyPollIsAnnouncedOnSourcePolled() {
        await().atMost(Duration.ofSeconds(60)).until(() -> polled().size() >= 2);
        List<JsonNode> events = polled();
        JsonNode first = events.get(0);
        assertThat(first.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(first.get("sourceType").asString()).isEqualTo("rss");
        assertThat(first.get("outcome").asString()).isEqualTo("ok");
        assertThat(first.get("items").asInt()).isEqualTo(20);
        assertThat(first.get("newestItemAt").asString()).startsWith("2019-07-").endsWith("Z");
        assertThat(first.get("durationMillis").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(events.get(1).get("outcome").asString()).as("then the ETag makes it a 304").isEqualTo("not-modified");
    }

    @Test
    void theHealthApiShowsLagBreakerQuotaAndMetrics() {
        RestClient api = RestClient.create("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(api.get().uri("/api/sources/health")
                .retrieve().body(String.class)).findValues("source").stream().anyMatch(id -> id.asString().equals(feedSource)));

        JsonNode feed = null;
        for (JsonNode source : JSON.readTree(api.get().uri("/api/sources/health").retrieve().body(String.class))) {
            if (source.get("source").asString().equals(feedSource)) {
                feed = source;
            }
        }
        assertThat(feed).isNotNull();
        assertThat(feed.get("breakerState").asString()).isEqualTo("closed");
        assertThat(feed.get("lastSuccessAt").asString()).endsWith("Z");
        assertThat(feed.get("lagSeconds").asLong()).as("the fixture is from 2019").isGreaterThan(86_400L * 365);
        assertThat(feed.get("silent").asBoolean()).isTrue();
        assertThat(feed.get("quota").get("remaining").asLong()).isEqualTo(99);
        String metrics = api.get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("vigie_source_polls_total{", "vigie_source_lag_seconds{", "vigie_source_silent{",
                "vigie_source_circuit_open{", "vigie_source_quota_remaining{");
    }

    @Test
    void twoProcessesSharingTheWorkNeverOwnTheSameSourceAndTakeOverOnLeave() {
        PollingProperties shared = new PollingProperties(4, Duration.ofSeconds(1), true, "it-" + UUID.randomUUID());
        List<SourceInstance> sources = IntStream.range(0, 24)
                .mapToObj(i -> SourceInstance.of("it", "shared-" + UUID.randomUUID())).toList();
        KafkaSourceCursors first = cursors(shared);
        KafkaSourceCursors second = cursors(shared);
        first.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> sources.stream().allMatch(first::owns));
            sources.forEach(source -> first.advance(source, new SourceCursor(Map.of("since", source.target()))));
            second.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> sources.stream().allMatch(s -> first.owns(s) ^ second.owns(s))
                    && sources.stream().anyMatch(second::owns) && sources.stream().anyMatch(first::owns));
            for (SourceInstance source : sources) {
                if (second.owns(source)) {
                    assertThat(second.get(source).get("since")).as("taken over with its cursor").isEqualTo(source.target());
                }
            }

            first.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> sources.stream().allMatch(second::owns));
            assertThat(sources).allSatisfy(source -> assertThat(second.get(source).get("since")).isEqualTo(source.target()));
        } finally {
            first.stop();
            second.stop();
        }
    }

    private KafkaSourceCursors cursors(PollingProperties settings) {
        return new KafkaSourceCursors(consumers, kafka, json, settings, Clock.systemUTC());
    }

    private List<JsonNode> polled() {
        return readAll(Topics.SOURCE_POLLED).stream().filter(record -> feedSource.equals(record.key()))
                .map(record -> JSON.readTree(record.value())).toList();
    }

    private static ConsumerRecord<String, String> latest(String topic, String key) {
        ConsumerRecord<String, String> found = null;
        for (ConsumerRecord<String, String> record : readAll(topic)) {
            if (key.equals(record.key())) {
                found = record;
            }
        }
        return found;
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            records.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset));
            return records;
        }
    }
}
