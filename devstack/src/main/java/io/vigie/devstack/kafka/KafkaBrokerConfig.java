package io.vigie.devstack.kafka;

import io.vigie.devstack.DevStackConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The devstack broker: one KRaft node, broker and controller at once, on loopback only. */
final class KafkaBrokerConfig {

    private KafkaBrokerConfig() {
    }

    static Map<String, String> properties(DevStackConfig config, Path dataDir) {
        String host = "127.0.0.1";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@" + host + ":" + config.kafkaControllerPort());
        properties.put("listeners", "PLAINTEXT://" + host + ":" + config.kafkaPort()
                + ",CONTROLLER://" + host + ":" + config.kafkaControllerPort());
        properties.put("advertised.listeners", "PLAINTEXT://" + host + ":" + config.kafkaPort());
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", dataDir.toString());
        // A single broker: internal topics cannot have more than one replica.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        // Consumers in a demo or a test should not wait 3 s for a rebalance nobody else joins.
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("num.partitions", "1");
        return properties;
    }
}
