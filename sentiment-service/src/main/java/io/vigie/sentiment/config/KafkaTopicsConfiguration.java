package io.vigie.sentiment.config;

import io.vigie.contracts.TopicSpec;
import io.vigie.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the topics this service writes to (mention-scored and the dead letters of its inputs) at start-up, before the
 * bindings start. Its input mention-ingested is created too, with the catalogue's partitions: whichever service starts
 * first, the binder never gets to auto-create it with a single partition.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics sentimentTopics(KafkaTopicProperties properties) {
        return new KafkaAdmin.NewTopics(
                newTopic(Topics.MENTION_INGESTED_SPEC, properties),
                newTopic(Topics.MENTION_SCORED_SPEC, properties),
                newTopic(Topics.deadLetterSpec(Topics.MENTION_INGESTED), properties),
                newTopic(Topics.deadLetterSpec(Topics.MENTION_SCORED), properties));
    }

    private static NewTopic newTopic(TopicSpec spec, KafkaTopicProperties properties) {
        return new NewTopic(spec.name(), spec.partitions(), properties.replicationFactor()).configs(spec.configs());
    }
}
