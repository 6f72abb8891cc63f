package io.vigie.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vigie.devstack.process.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Real servers, no containers: what {@code ./vigie demo} runs on. Passes as root too (OpenSearch then runs as vigie-os). */
@TestMethodOrder(OrderAnnotation.class)
class DevStackIT {

    private static Path home;
    private static DevStackConfig config;
    private static RunningDevStack stack;

    @BeforeAll
    static void startDevStack() {
        home = DevStackTestSupport.newHome();
        config = DevStackConfig.fromEnvironment(DevStackTestSupport.isolatedEnvironment(home));
        stack = DevStack.start(config);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (stack != null) {
            stack.close();
        }
        DevStackTestSupport.delete(home);
    }

    @Test
    @Order(1)
    void kafkaTakesATopicAndHandsBackWhatWasProduced() throws Exception {
        String topic = "mention-ingested";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "m-1", "{\"text\":\"bonjour\"}")).get(30, TimeUnit.SECONDS);
        }

        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "devstack-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records).extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("m-1", "{\"text\":\"bonjour\"}"));
        }
    }

    @Test
    @Order(2)
    void openSearchHasTheFrenchAnalyzer() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.openSearchUrl() + "/_analyze"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"analyzer\":\"french\",\"text\":\"l'entreprise\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"token\":\"entrepris\"");
    }

    @Test
    @Order(3)
    void writesItsLogsWhereTheReadyLineSays() {
        assertThat(stack.readyLine()).isEqualTo("DEVSTACK READY kafka=" + config.kafkaBootstrapServers()
                + " opensearch=" + config.openSearchUrl() + " logs=" + home.resolve("logs"));
        assertThat(home.resolve("logs/kafka.log")).isNotEmptyFile();
        assertThat(home.resolve("logs/opensearch.log")).isNotEmptyFile();
        assertThat(DevStack.status(config)).allMatch(ServerStatus::running);
    }

    @Test
    @Order(4)
    void closingLeavesNoProcessAndFreesEveryPort() {
        List<ProcessHandle> servers = List.of(
                ProcessHandle.of(stack.kafkaPid()).orElseThrow(),
                ProcessHandle.of(stack.openSearchPid()).orElseThrow());

        stack.close();

        assertThat(servers).noneMatch(ProcessHandle::isAlive);
        for (int port : new int[] {config.kafkaPort(), config.kafkaControllerPort(), config.openSearchPort(),
                config.openSearchTransportPort()}) {
            assertThatCode(() -> Ports.requireFree(port, "port")).doesNotThrowAnyException();
        }
        assertThat(Files.exists(home.resolve("devstack.state"))).isFalse();
        assertThat(DevStack.status(config)).noneMatch(ServerStatus::running);
    }
}
