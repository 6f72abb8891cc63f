package io.vigie.alert;

import io.vigie.alert.incident.IncidentRepository;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.Severity;
import io.vigie.contracts.Topics;
import io.vigie.testsupport.VigieContainers;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on a real Kafka and a real OpenSearch: the demo dataset replayed as scored mentions raises no
 * alert on the ordinary days and one alert for the crisis, which is stored, served by the API and POSTed to a webhook.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "vigie.alert.webhook.allow-private-addresses=true",
        "vigie.alert.webhook.initial-backoff=200ms"})
@ImportTestcontainers(VigieContainers.class)
class AlertPipelineIT {

    private static final Logger log = LoggerFactory.getLogger(AlertPipelineIT.class);
    private static final String APPLICATION_ID = "vigie-alert-service";
    private static final String REPARTITION_TOPIC = APPLICATION_ID + "-mentions-by-watch-repartition";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The webhook receiver: refuses the first call (to exercise the retry), accepts the others. */
    private static final MockWebServer WEBHOOK = new MockWebServer();
    private static final BlockingQueue<RecordedRequest> WEBHOOK_CALLS = new LinkedBlockingQueue<>();
    private static final AtomicInteger WEBHOOK_ATTEMPTS = new AtomicInteger();

    static {
        WEBHOOK.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                WEBHOOK_CALLS.add(request);
                int code = WEBHOOK_ATTEMPTS.incrementAndGet() == 1 ? 503 : 200;
                return new MockResponse.Builder().code(code).build();
            }
        });
        try {
            WEBHOOK.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        registry.add("vigie.alert.webhook.url", () -> WEBHOOK.url("/hooks/vigie/s3cr3t").toString());
        String stateDir = Files.createTempDirectory("alert-streams-it").toString();
        registry.add("spring.cloud.stream.kafka.streams.binder.configuration.state.dir", () -> stateDir);
    }

    @AfterAll
    static void stopWebhook() {
        WEBHOOK.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    OpenSearchClient openSearch;

    @Autowired
    List<StreamsBuilderFactoryBean> streams;

    @Test
    void theDemoCrisisRaisesOneAlertThatIsStoredServedAndPostedAndTheOrdinaryDaysNone() throws Exception {
        List<DemoDataset.Line> lines = DemoDataset.lines();
        List<DemoDataset.Line> ordinary = lines.stream().filter(line -> !line.crisis()).toList();
        List<DemoDataset.Line> crisis = lines.stream().filter(DemoDataset.Line::crisis).toList();
        Instant replayStart = Instant.now();

        long started = System.nanoTime();
        send(ordinary, replayStart);
        awaitProcessed();
        log.info("Replayed {} ordinary mentions in {} ms; dropped as too late: {}", ordinary.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), droppedRecords());
        assertThat(endOffsets(Topics.ALERT_RAISED)).as("alerts raised during the ordinary days").isZero();

        long crisisSent = System.nanoTime();
        send(crisis, replayStart);
        List<AlertRaised> raised = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.ALERT_RAISED));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    assertThat(record.key()).isEqualTo(DemoDataset.WATCH);
                    raised.add(JSON.readValue(record.value(), AlertRaised.class));
                }
                return !raised.isEmpty();
            });
            log.info("Crisis alert on alert-raised {} ms after the first crisis mention was sent",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crisisSent));
            awaitProcessed();
            raised.addAll(poll(consumer, Duration.ofSeconds(2)));
        }
        // One alert for the crisis however many window updates: re-sent under the same id only as it escalates.
        AlertRaised alert = raised.get(raised.size() - 1);
        assertThat(raised).extracting(AlertRaised::id).containsOnly(alert.id());
        assertThat(raised).extracting(AlertRaised::severity).doesNotHaveDuplicates().isSorted();
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        Set<String> crisisNegatives = crisis.stream().filter(DemoDataset.Line::negative)
                .map(DemoDataset.Line::mentionId).collect(Collectors.toSet());
        assertThat(alert.watchId()).isEqualTo(DemoDataset.WATCH);
        // Opened by the surge; at its worst the strongest signal is the surge or the crisis vocabulary, depending on
        // where the windows fall (the replay is relative to the current time).
        assertThat(alert.id()).isEqualTo("nuvelia:negative-surge:" + alert.episodeStart());
        assertThat(alert.detector()).isIn("negative-surge", "crisis-terms");
        assertThat(alert.windowEnd()).isAfter(replayStart);
        assertThat(alert.observed()).isGreaterThanOrEqualTo(6).isGreaterThan(alert.expected());
        assertThat(alert.mentionIds()).isNotEmpty().allMatch(crisisNegatives::contains);
        log.info("Alert: {}", alert);

        // Stored in OpenSearch under its id, and served newest first by the API.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                openSearch.get(get -> get.index(IncidentRepository.INDEX).id(alert.id()), AlertRaised.class).source())
                .isEqualTo(alert));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(alertsFromApi("?watch=nuvelia&size=10"))
                .extracting(AlertRaised::id).containsExactly(alert.id()));
        assertThat(alertsFromApi("?watch=someone-else")).isEmpty();

        // POSTed as JSON to the webhook: the receiver refused the first attempt, the retry went through.
        RecordedRequest first = WEBHOOK_CALLS.poll(30, TimeUnit.SECONDS);
        RecordedRequest retry = WEBHOOK_CALLS.poll(30, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(retry).isNotNull();
        assertThat(retry.getMethod()).isEqualTo("POST");
        assertThat(retry.getUrl().encodedPath()).isEqualTo("/hooks/vigie/s3cr3t");
        assertThat(retry.getHeaders().get("Content-Type")).startsWith("application/json");
        AlertRaised posted = JSON.readValue(retry.getBody().utf8(), AlertRaised.class);
        assertThat(posted).isEqualTo(raised.get(0));
        assertThat(first.getBody().utf8()).isEqualTo(retry.getBody().utf8());
        // Then each escalation, in order.
        for (AlertRaised escalation : raised.subList(1, raised.size())) {
            RecordedRequest call = WEBHOOK_CALLS.poll(30, TimeUnit.SECONDS);
            assertThat(call).as("webhook call for the escalation to %s", escalation.severity()).isNotNull();
            assertThat(JSON.readValue(call.getBody().utf8(), AlertRaised.class)).isEqualTo(escalation);
        }

        // Re-delivery of the same alert leaves one document (the OpenSearch _id is the alert id) and tells nobody
        // twice: each channel's delivery record is keyed by alert id, status and severity.
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.ALERT_RAISED, alert.watchId(), JSON.writeValueAsString(alert))).get();
        }
        assertThat(WEBHOOK_CALLS.poll(10, TimeUnit.SECONDS)).as("re-delivered alert notified again").isNull();
        openSearch.indices().refresh(refresh -> refresh.index(IncidentRepository.INDEX));
        // Other ITs of this JVM store incidents of their own watches in the same index.
        assertThat(openSearch.count(count -> count.index(IncidentRepository.INDEX)
                .query(q -> q.term(t -> t.field("watchId").value(v -> v.stringValue(alert.watchId()))))).count())
                .isEqualTo(1);
    }

    @Test
    void aMalformedMentionGoesToTheDeadLetterTopicWithItsReasonAndTheStreamGoesOn() throws Exception {
        String key = "poison-" + System.nanoTime();
        MentionScored good = DemoDataset.lines().get(0).scored(Instant.now());
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.MENTION_SCORED, key, "{\"schemaVersion\": 1, \"mention\": ")).get();
            producer.send(new ProducerRecord<>(Topics.MENTION_SCORED, key, JSON.writeValueAsString(good))).get();
        }

        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.MENTION_SCORED)));
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.stream().anyMatch(record -> key.equals(record.key()));
            });
            ConsumerRecord<String, String> poison = dead.stream().filter(record -> key.equals(record.key()))
                    .findFirst().orElseThrow();
            assertThat(poison.value()).isEqualTo("{\"schemaVersion\": 1, \"mention\": ");
            Map<String, String> headers = new HashMap<>();
            poison.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
            log.info("Dead-letter headers: {}", headers.keySet());
            assertThat(headers).containsEntry("kafka_dlt-original-topic", Topics.MENTION_SCORED);
            assertThat(headers.get(Topics.STREAMS_FAILURE_REASON_HEADER)).isNotBlank();
        }
        // The good record right behind the poison one, on the same partition, is consumed too.
        awaitProcessed();
    }

    private List<AlertRaised> alertsFromApi(String query) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return List.of(JSON.readValue(response.body(), AlertRaised[].class));
    }

    private static void send(List<DemoDataset.Line> lines, Instant replayStart) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (DemoDataset.Line line : lines) {
                MentionScored scored = line.scored(replayStart);
                producer.send(new ProducerRecord<>(Topics.MENTION_SCORED, scored.mention().id(),
                        JSON.writeValueAsString(scored)));
            }
            producer.flush();
        }
    }

    /** Waits until the stream has committed everything on its input and repartition topics: all is processed. */
    private static void awaitProcessed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                VigieContainers.KAFKA.getBootstrapServers()))) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (String topic : List.of(Topics.MENTION_SCORED, REPARTITION_TOPIC)) {
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                }
                return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    return end.getValue().offset() == 0 || done != null && done.offset() >= end.getValue().offset();
                });
            });
        }
    }

    private static long endOffsets(String topic) throws Exception {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private double droppedRecords() {
        return streams.stream().map(StreamsBuilderFactoryBean::getKafkaStreams)
                .flatMap(kafkaStreams -> kafkaStreams.metrics().values().stream())
                .filter(metric -> metric.metricName().name().equals("dropped-records-total"))
                .mapToDouble(metric -> ((Number) metric.metricValue()).doubleValue())
                .sum();
    }

    private static List<AlertRaised> poll(KafkaConsumer<String, String> consumer, Duration duration) {
        List<AlertRaised> alerts = new ArrayList<>();
        consumer.poll(duration).forEach(record -> alerts.add(JSON.readValue(record.value(), AlertRaised.class)));
        return alerts;
    }

    private static KafkaProducer<String, String> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "alert-it-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(config);
    }
}
