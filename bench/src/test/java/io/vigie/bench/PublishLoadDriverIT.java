package io.vigie.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Testcontainers
class PublishLoadDriverIT {

    /** The broker image the project pins (test-support's VigieContainers would also start OpenSearch). */
    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    private static final int COUNT = 3_000;

    @Test
    void everyMentionIsPublishedOnceAsContractJsonKeyedByItsId() throws Exception {
        String bootstrap = KAFKA.getBootstrapServers();
        var options = PublishLoadDriver.Options.parse("--bootstrap", bootstrap, "--count", String.valueOf(COUNT),
                "--warmup", "200", "--topic", "bench-it", "--keep-topic");

        PublishLoadDriver.Result result = PublishLoadDriver.run(options);

        assertThat(result.count()).isEqualTo(COUNT);
        assertThat(result.perSecond()).isPositive();
        JsonMapper json = JsonMapper.builder().build();
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "bench-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("bench-it"));
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode value = json.readTree(record.value());
                    assertThat(value.get("id").asString()).isEqualTo(record.key());
                    assertThat(value.get("text").asString()).isNotBlank();
                    ids.add(record.key());
                }
                return ids.size() >= COUNT;
            });
        }
        assertThat(ids).hasSize(COUNT);
    }

    @Test
    void theBenchTopicIsDeletedAfterARun() throws Exception {
        String bootstrap = KAFKA.getBootstrapServers();

        PublishLoadDriver.run(PublishLoadDriver.Options.parse("--bootstrap", bootstrap, "--count", "100", "--warmup",
                "10", "--topic", "bench-it-deleted"));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !admin.listTopics().names().get().contains("bench-it-deleted"));
        }
    }
}
