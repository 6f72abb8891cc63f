package io.vigie.devstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.devstack.DevStackConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTest {

    @Test
    void listensOnLoopbackOnlyOnTheConfiguredPorts() {
        DevStackConfig config = DevStackConfig.fromEnvironment(Map.of(
                "VIGIE_KAFKA_PORT", "19092", "VIGIE_KAFKA_CONTROLLER_PORT", "19093"));

        Map<String, String> properties = KafkaBrokerConfig.properties(config, Path.of("/var/tmp/vigie/kafka/data"));

        assertThat(properties)
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("log.dirs", "/var/tmp/vigie/kafka/data")
                .containsEntry("offsets.topic.replication.factor", "1");
    }
}
