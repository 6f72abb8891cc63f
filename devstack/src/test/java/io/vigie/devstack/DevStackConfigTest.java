package io.vigie.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevStackConfigTest {

    @Test
    void defaultsWhenNothingIsSet() {
        DevStackConfig config = DevStackConfig.fromEnvironment(Map.of());

        assertThat(config.home()).isEqualTo(Path.of("/var/tmp/vigie"));
        assertThat(config.logsDir()).isEqualTo(Path.of("/var/tmp/vigie/logs"));
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.kafkaControllerPort()).isEqualTo(9093);
        assertThat(config.openSearchPort()).isEqualTo(9200);
        assertThat(config.openSearchTransportPort()).isEqualTo(9300);
        assertThat(config.kafkaHeap()).isEqualTo("512m");
        assertThat(config.openSearchHeap()).isEqualTo("512m");
        assertThat(config.openSearchJavaHome()).isNull();
        assertThat(config.distribution()).isNull();
        assertThat(config.openSearchUser()).isEqualTo("vigie-os");
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(config.openSearchUrl()).isEqualTo("http://127.0.0.1:9200");
    }

    @Test
    void readsEveryVariable() {
        DevStackConfig config = DevStackConfig.fromEnvironment(Map.ofEntries(
                Map.entry("VIGIE_HOME", "/srv/vigie/../vigie-dev"),
                Map.entry("VIGIE_KAFKA_PORT", "19092"),
                Map.entry("VIGIE_KAFKA_CONTROLLER_PORT", "19093"),
                Map.entry("VIGIE_OPENSEARCH_PORT", "19200"),
                Map.entry("VIGIE_OPENSEARCH_TRANSPORT_PORT", " 19300 "),
                Map.entry("VIGIE_KAFKA_HEAP", "1g"),
                Map.entry("VIGIE_OPENSEARCH_HEAP", "768m"),
                Map.entry("OPENSEARCH_JAVA_HOME", "/usr/lib/jvm/java-21"),
                Map.entry("JAVA_HOME", "/opt/jdk"),
                Map.entry("VIGIE_DEVSTACK_DIST", "/opt/vigie/devstack"),
                Map.entry("VIGIE_OPENSEARCH_USER", "search"),
                Map.entry("VIGIE_STARTUP_TIMEOUT", "60")));

        assertThat(config.home()).isEqualTo(Path.of("/srv/vigie-dev"));
        assertThat(config.kafkaBootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(config.kafkaControllerPort()).isEqualTo(19093);
        assertThat(config.openSearchUrl()).isEqualTo("http://127.0.0.1:19200");
        assertThat(config.openSearchTransportPort()).isEqualTo(19300);
        assertThat(config.kafkaHeap()).isEqualTo("1g");
        assertThat(config.openSearchHeap()).isEqualTo("768m");
        assertThat(config.openSearchJavaHome()).isEqualTo(Path.of("/usr/lib/jvm/java-21"));
        assertThat(config.javaHome()).isEqualTo(Path.of("/opt/jdk"));
        assertThat(config.distribution()).isEqualTo(Path.of("/opt/vigie/devstack"));
        assertThat(config.openSearchUser()).isEqualTo("search");
        assertThat(config.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void blankMeansDefault() {
        DevStackConfig config = DevStackConfig.fromEnvironment(Map.of("VIGIE_KAFKA_PORT", "", "VIGIE_HOME", "  "));

        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.home()).isEqualTo(Path.of("/var/tmp/vigie"));
    }

    @Test
    void rejectsAPortThatIsNotANumberNamingTheVariable() {
        assertThatThrownBy(() -> DevStackConfig.fromEnvironment(Map.of("VIGIE_KAFKA_PORT", "kafka")))
                .isInstanceOf(DevStackException.class)
                .hasMessage("VIGIE_KAFKA_PORT must be a port number (1-65535), got 'kafka'");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> DevStackConfig.fromEnvironment(Map.of("VIGIE_OPENSEARCH_PORT", "70000")))
                .hasMessage("VIGIE_OPENSEARCH_PORT must be a port number (1-65535), got 70000");
    }

    @Test
    void rejectsTwoListenersOnOnePort() {
        assertThatThrownBy(() -> DevStackConfig.fromEnvironment(Map.of("VIGIE_OPENSEARCH_PORT", "9092")))
                .hasMessage("VIGIE_KAFKA_PORT and VIGIE_OPENSEARCH_PORT are both 9092: give each listener its own port");
    }

    @Test
    void rejectsAMalformedHeap() {
        assertThatThrownBy(() -> DevStackConfig.fromEnvironment(Map.of("VIGIE_OPENSEARCH_HEAP", "-Xmx1g")))
                .hasMessage("VIGIE_OPENSEARCH_HEAP must be a heap size such as 512m or 1g, got '-Xmx1g'");
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThatThrownBy(() -> DevStackConfig.fromEnvironment(Map.of("VIGIE_STARTUP_TIMEOUT", "0")))
                .hasMessage("VIGIE_STARTUP_TIMEOUT must be a positive number of seconds, got 0");
    }
}
