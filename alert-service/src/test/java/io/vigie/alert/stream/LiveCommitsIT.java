package io.vigie.alert.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.alert.DemoDataset;
import io.vigie.contracts.MentionScored;
import io.vigie.testsupport.VigieContainers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ADR 0031 on a real Kafka, with a commit interval of five minutes: mentions of past days are processed but wait for
 * the interval, and so do live mentions read a minute after they were produced (a backlog, ADR 0035); a live mention
 * read as it comes gets its input offsets and its signals' repartition offsets committed at once. The stream
 * has topics and a consumer group of its own here, so the other ITs' mentions do not reach it.
 */
@SpringBootTest(properties = {
        "spring.cloud.stream.kafka.streams.binder.application-id=" + LiveCommitsIT.APPLICATION_ID,
        "spring.cloud.stream.bindings.raiseAlert-in-0.destination=" + LiveCommitsIT.INPUT,
        "spring.cloud.stream.bindings.raiseAlert-out-0.destination=" + LiveCommitsIT.OUTPUT,
        "spring.cloud.stream.kafka.streams.binder.configuration.commit.interval.ms=300000",
        // A transaction must be allowed to stay open as long as the interval.
        "spring.cloud.stream.kafka.streams.binder.configuration.producer.transaction.timeout.ms=600000",
        "vigie.alert.notify.enabled=false"})
@ImportTestcontainers(VigieContainers.class)
class LiveCommitsIT {

    static final String APPLICATION_ID = "vigie-alert-live-commits-it";
    static final String INPUT = "mention-scored-live-commits-it";
    static final String OUTPUT = "alert-raised-live-commits-it";
    private static final int INPUT_PARTITIONS = 2;
    private static final String REPARTITION = APPLICATION_ID + "-mentions-by-watch-repartition";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    List<StreamsBuilderFactoryBean> streams;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        String stateDir = Files.createTempDirectory("alert-streams-live-it").toString();
        registry.add("spring.cloud.stream.kafka.streams.binder.configuration.state.dir", () -> stateDir);
        // The stream fails at start on a missing source topic.
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(INPUT, INPUT_PARTITIONS, (short) 1),
                    new NewTopic(OUTPUT, 1, (short) 1))).all().get();
        }
    }

    @Test
    void aCatchUpAndABacklogWaitForTheCommitIntervalAndALiveMentionIsCommittedAtOnce() throws Exception {
        await("the stream running").atMost(Duration.ofMinutes(2))
                .until(() -> streams.stream().allMatch(bean -> bean.getKafkaStreams() != null
                        && bean.getKafkaStreams().state() == KafkaStreams.State.RUNNING));
        List<DemoDataset.Line> lines = DemoDataset.lines();
        Instant monthAgo = Instant.now().minus(Duration.ofDays(30));
        List<DemoDataset.Line> pastDays = lines.subList(0, 40);
        for (int i = 0; i < pastDays.size(); i++) {
            send(i % INPUT_PARTITIONS, pastDays.get(i).scored(monthAgo), null);
        }
        await("the past mentions read").atMost(Duration.ofMinutes(1))
                .until(() -> processed() >= pastDays.size());

        await("no commit for a catch-up").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> committed(INPUT) == 0);

        // Live mentions, but produced a minute before the stream reads them: it is behind, and catches up at the
        // interval rather than committing early.
        Instant minuteAgo = Instant.now().minusSeconds(60);
        List<DemoDataset.Line> backlog = lines.subList(40, 50);
        for (int i = 0; i < backlog.size(); i++) {
            DemoDataset.Line line = backlog.get(i);
            send(i % INPUT_PARTITIONS, line.scored(minuteAgo.minusSeconds(line.offsetSeconds())),
                    minuteAgo.toEpochMilli());
        }
        await("the backlog read").atMost(Duration.ofMinutes(1))
                .until(() -> processed() >= pastDays.size() + backlog.size());
        await("no commit for a backlog").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> committed(INPUT) == 0);
        assertThat(readingLagSeconds()).as("the backlog's lag, for ops to see").isBetween(59.0, 120.0);

        // One live mention on each input partition, read as it comes: a transaction left open by a thread that had
        // only past mentions would hide, from readers of the repartition topic, what the other thread committed
        // after it.
        for (int partition = 0; partition < INPUT_PARTITIONS; partition++) {
            DemoDataset.Line line = lines.get(50 + partition);
            send(partition, line.scored(Instant.now().minusSeconds(30 + line.offsetSeconds())), null);
        }
        long inputEnd = endOffsets(INPUT);
        await("the input committed after live mentions").atMost(Duration.ofMinutes(1))
                .until(() -> committed(INPUT) == inputEnd);
        // Their signals went through the repartition topic: the tasks that read them asked for a commit too.
        await("the repartition topic committed").atMost(Duration.ofMinutes(1))
                .until(() -> {
                    long end = endOffsets(REPARTITION);
                    return end > 0 && committed(REPARTITION) == end;
                });
        assertThat(inputEnd).isEqualTo(pastDays.size() + backlog.size() + INPUT_PARTITIONS);
        assertThat(readingLagSeconds()).as("caught up").isLessThan(10.0);
    }

    private double readingLagSeconds() {
        return meters.get("vigie.alert.stream.reading.lag").gauge().value();
    }

    private double processed() {
        return streams.stream().map(StreamsBuilderFactoryBean::getKafkaStreams)
                .flatMap(kafkaStreams -> kafkaStreams.metrics().values().stream())
                .filter(metric -> metric.metricName().group().equals("stream-thread-metrics")
                        && metric.metricName().name().equals("process-total"))
                .mapToDouble(metric -> ((Number) metric.metricValue()).doubleValue())
                .sum();
    }

    /** Sends with the given Kafka timestamp (when it was produced), or the producer's clock when null. */
    private static void send(int partition, MentionScored scored, Long producedAt) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(INPUT, partition, producedAt, scored.mention().id(),
                    JSON.writeValueAsString(scored))).get();
        }
    }

    /** Offsets the stream's consumer group has committed on a topic, all partitions together. */
    private static long committed(String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic)
                    && entry.getValue() != null).mapToLong(entry -> entry.getValue().offset()).sum();
        }
    }

    private static long endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                VigieContainers.KAFKA.getBootstrapServers()));
    }
}
