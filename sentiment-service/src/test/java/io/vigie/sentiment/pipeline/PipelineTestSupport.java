package io.vigie.sentiment.pipeline;

import io.vigie.contracts.Author;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionSource;
import io.vigie.testsupport.VigieContainers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The whole service against the real Kafka and OpenSearch of {@link VigieContainers}: tests talk to it only as its
 * neighbours do, by Kafka records in and out and by its HTTP API. Every test uses its own watch id and mention ids,
 * so tests sharing the containers (and the Spring context) never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ImportTestcontainers(VigieContainers.class)
public abstract class PipelineTestSupport {

    static final int PARTITIONS = 6;
    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    static KafkaProducer<String, String> producer;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @BeforeAll
    static void startProducer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(properties);
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    static String newWatchId(String purpose) {
        return "it-" + purpose + "-" + UUID.randomUUID();
    }

    static MentionIngested mention(String watchId, String nativeId, String text, String language) {
        Instant now = Instant.now();
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of("it", nativeId), List.of(watchId),
                new MentionSource("it", "Integration test"), "https://example.org/" + nativeId,
                new Author("Test Author", "tester", 12L, null), null, text, language, now, now, null, null);
    }

    /** Sends as ingest-service does: JSON value, keyed by mention id. */
    protected void send(MentionIngested mention) throws Exception {
        sendRaw(mention.id(), json.writeValueAsString(mention), null);
    }

    /** Sends to a given partition (null lets the key choose), waiting for the broker's acknowledgement. */
    static void sendRaw(String key, String value, Integer partition) throws Exception {
        producer.send(new ProducerRecord<>(io.vigie.contracts.Topics.MENTION_INGESTED, partition, key, value))
                .get(30, TimeUnit.SECONDS);
    }

    /** The partition Kafka's default partitioner gives a key, in the 6-partition topics of the pipeline. */
    static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /**
     * A mention id landing on the same partition as {@code id}: recorded after it on that partition, it is scored and
     * indexed after it too, so once it is visible everything sent before it has been processed.
     */
    static String sentinelIdOnPartitionOf(String id) {
        int partition = partitionOf(id);
        for (int i = 0; ; i++) {
            String candidate = MentionId.of("it", "sentinel-" + UUID.randomUUID() + "-" + i);
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    JsonNode search(Function<UriBuilder, URI> uri) {
        String body = RestClient.create("http://127.0.0.1:" + port).get()
                .uri(builder -> uri.apply(builder.path("/api/mentions")))
                .retrieve().body(String.class);
        return json.readTree(body);
    }

    JsonNode searchWatch(String watchId) {
        return search(b -> b.queryParam("watch", watchId).queryParam("size", "100").build());
    }

    static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("hits").forEach(hit -> ids.add(hit.get("id").asString()));
        return ids;
    }

    /** Reads a whole topic from the beginning until a record matches, or fails after {@link #PATIENCE}. */
    static ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> wanted) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

}
