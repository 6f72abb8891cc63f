package io.vigie.alert.incident;

import io.vigie.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates {@code incident-changed} (or the configured fan-out topic) at start-up, before the reader looks for it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vigie.alert.incidents.stream.fan-out", havingValue = "kafka", matchIfMissing = true)
class IncidentFanOutConfiguration {

    @Bean
    KafkaAdmin.NewTopics incidentFanOutTopic(IncidentProperties properties,
                                             @Value("${vigie.kafka.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(new NewTopic(properties.stream().topic(),
                Topics.INCIDENT_CHANGED_SPEC.partitions(), replicationFactor)
                .configs(Topics.INCIDENT_CHANGED_SPEC.configs()));
    }
}
