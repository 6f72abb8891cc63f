package io.vigie.ingest.cursor;

import io.vigie.ingest.config.IngestProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** Creates {@code source-cursors} (compacted) with the other ingest topics at start-up. */
@Configuration(proxyBeanMethods = false)
public class CursorTopicConfiguration {

    @Bean
    KafkaAdmin.NewTopics sourceCursorTopic(IngestProperties properties) {
        return new KafkaAdmin.NewTopics(new NewTopic(KafkaSourceCursors.TOPIC_SPEC.name(),
                KafkaSourceCursors.TOPIC_SPEC.partitions(), properties.topics().replicationFactor())
                .configs(KafkaSourceCursors.TOPIC_SPEC.configs()));
    }
}
