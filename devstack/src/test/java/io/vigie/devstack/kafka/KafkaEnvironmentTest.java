package io.vigie.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaEnvironmentTest {

    @Test
    void singleUnderscoreBecomesADot() {
        assertThat(KafkaEnvironment.propertyName("KAFKA_LOG_DIRS")).isEqualTo("log.dirs");
        assertThat(KafkaEnvironment.propertyName("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"))
                .isEqualTo("offsets.topic.replication.factor");
    }

    @Test
    void doubleUnderscoreBecomesAnUnderscoreAndTripleADash() {
        assertThat(KafkaEnvironment.propertyName("KAFKA_LISTENER_NAME_TC__0_PLAIN___SASL"))
                .isEqualTo("listener.name.tc_0.plain-sasl");
        assertThat(KafkaEnvironment.propertyName("KAFKA_CONFLUENT___SUPPORT_METRICS__ENABLE"))
                .isEqualTo("confluent-support.metrics_enable");
    }

    @Test
    void mapsOnlyKafkaVariablesThatAreBrokerProperties() {
        Map<String, String> properties = KafkaEnvironment.toProperties(Map.of(
                "KAFKA_NODE_ID", "1",
                "KAFKA_HEAP_OPTS", "-Xmx1G",
                "KAFKA_OPTS", "-Dfoo=bar",
                "KAFKA_LOG4J_LOGGERS", "kafka=WARN",
                "CLUSTER_ID", "4L6g3nShT-eMCtK--X86sw",
                "PATH", "/usr/bin"));

        assertThat(properties).containsExactly(Map.entry("node.id", "1"));
    }

    @Test
    void keepsValuesAsTheyAre() {
        Map<String, String> properties = KafkaEnvironment.toProperties(Map.of(
                "KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092,BROKER://0.0.0.0:9093",
                "KAFKA_SASL_JAAS_CONFIG", "module required user=\"a\";"));

        assertThat(properties)
                .containsEntry("listeners", "PLAINTEXT://0.0.0.0:9092,BROKER://0.0.0.0:9093")
                .containsEntry("sasl.jaas.config", "module required user=\"a\";");
    }

    @Test
    void whatTestcontainersKafkaContainerSetsOverridesTheDefaults() {
        // The environment KafkaContainer (testcontainers-kafka 2.0.5) gives the apache/kafka image.
        Map<String, String> properties = KafkaEnvironment.brokerProperties(Map.of(
                "CLUSTER_ID", "4L6g3nShT-eMCtK--X86sw",
                "KAFKA_LISTENERS", "PLAINTEXT://0.0.0.0:9092,BROKER://0.0.0.0:9093,CONTROLLER://0.0.0.0:9094",
                "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "BROKER:PLAINTEXT,PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "KAFKA_INTER_BROKER_LISTENER_NAME", "BROKER",
                "KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9094",
                "KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://localhost:32768,BROKER://abc123:9093",
                "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));

        assertThat(properties)
                .containsEntry("listeners", "PLAINTEXT://0.0.0.0:9092,BROKER://0.0.0.0:9093,CONTROLLER://0.0.0.0:9094")
                .containsEntry("inter.broker.listener.name", "BROKER")
                .containsEntry("controller.quorum.voters", "1@localhost:9094")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:32768,BROKER://abc123:9093")
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/tmp/kraft-combined-logs")
                .doesNotContainKey("cluster.id");
    }

    @Test
    void withoutAnyVariableTheOfficialImageDefaultsApply() {
        Map<String, String> properties = KafkaEnvironment.brokerProperties(Map.of());

        assertThat(properties)
                .containsEntry("node.id", "1")
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@localhost:29093")
                .containsEntry("listeners",
                        "PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:9092")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:9092");
    }

    @Test
    void aControllerOnlyNodeAdvertisesNothing() {
        Map<String, String> properties = KafkaEnvironment.brokerProperties(Map.of("KAFKA_PROCESS_ROLES", "controller"));

        assertThat(properties).doesNotContainKey("advertised.listeners");
    }
}
