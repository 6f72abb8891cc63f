package io.vigie.sentiment.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param replicationFactor replicas of each topic this service creates; 1 on a single broker */
@ConfigurationProperties("vigie.kafka")
public record KafkaTopicProperties(@DefaultValue("1") short replicationFactor) {
}
