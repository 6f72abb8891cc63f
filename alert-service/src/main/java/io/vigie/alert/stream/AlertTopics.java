package io.vigie.alert.stream;

import io.vigie.contracts.TopicSpec;
import io.vigie.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates, before the stream starts, the topics this service writes and the dead letters of the topic it reads.
 * {@code mention-scored} is declared too: whichever service starts first creates it with its real partitioning,
 * instead of the binder creating it with one partition.
 */
@Configuration(proxyBeanMethods = false)
class AlertTopics {

    @Bean
    KafkaAdmin.NewTopics alertServiceTopics(@Value("${vigie.kafka.replication-factor:1}") short replicationFactor) {
        return new KafkaAdmin.NewTopics(
                topic(Topics.MENTION_SCORED_SPEC, replicationFactor),
                topic(Topics.ALERT_RAISED_SPEC, replicationFactor),
                topic(Topics.deadLetterSpec(Topics.MENTION_SCORED), replicationFactor));
    }

    private static NewTopic topic(TopicSpec spec, short replicationFactor) {
        return new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs());
    }
}
