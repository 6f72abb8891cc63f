package io.vigie.ingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.contracts.TopicSpec;
import io.vigie.contracts.Topics;
import io.vigie.ingest.config.IngestProperties;
import io.vigie.ingest.watch.WatchMatcher;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.json.JsonMapper;

/** The Kafka-facing beans: topics, the JSON value serializer and the publishing pipeline. */
@Configuration(proxyBeanMethods = false)
public class PublishingConfiguration {

    /**
     * Every topic of the pipeline, not only {@code mention-ingested}: ingest is the first service up in the demo,
     * and creating them all explicitly gives them their partitions and retention instead of broker defaults.
     */
    @Bean
    KafkaAdmin.NewTopics vigieTopics(IngestProperties properties) {
        short replicationFactor = properties.topics().replicationFactor();
        return new KafkaAdmin.NewTopics(Topics.all().stream()
                .map(spec -> newTopic(spec, replicationFactor))
                .toArray(NewTopic[]::new));
    }

    /**
     * Values as JSON written by Boot's Jackson 3 mapper (ISO-8601 times, like every other service), without
     * spring-kafka's {@code __TypeId__} headers: consumers read the contract record, not our class names.
     */
    @Bean
    @SuppressWarnings("unchecked")
    DefaultKafkaProducerFactoryCustomizer jsonValues(JsonMapper jsonMapper) {
        return factory -> ((DefaultKafkaProducerFactory<String, Object>) factory)
                .setValueSerializer(new JacksonJsonSerializer<>(jsonMapper).noTypeInfo());
    }

    @Bean
    MentionPipeline mentionPipeline(WatchMatcher matcher, MentionSink sink, IngestProperties properties,
                                    MeterRegistry meters) {
        return new MentionPipeline(matcher, new RecentIds(properties.dedup().capacity()), sink, meters);
    }

    private static NewTopic newTopic(TopicSpec spec, short replicationFactor) {
        return new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs());
    }
}
