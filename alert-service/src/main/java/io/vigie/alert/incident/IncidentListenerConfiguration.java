package io.vigie.alert.incident;

import io.vigie.alert.kafka.StoreErrorHandlers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The incident listener's own container factory, so that its error handling does not depend on (or change) what
 * other listeners of the service use.
 */
@Configuration(proxyBeanMethods = false)
class IncidentListenerConfiguration {

    static final String CONTAINER_FACTORY = "incidentListenerContainerFactory";
    /** Tries of an alert that OpenSearch refuses (not merely unreachable) before it is given up on. */
    static final int STORE_ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(IncidentListenerConfiguration.class);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> incidentListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumerFactory);
        factory.setCommonErrorHandler(storeRetries());
        return factory;
    }

    /**
     * An alert is stored once OpenSearch answers, however long it is down: skipping it would lose the incident. One
     * that OpenSearch refuses (or that meets a bug) is tried {@link #STORE_ATTEMPTS} times, then logged as an error
     * and skipped, so that it does not hold up every alert behind it; its notifications go out all the same.
     */
    static DefaultErrorHandler storeRetries() {
        return StoreErrorHandlers.of("Incident store", IncidentListenerConfiguration::giveUp, STORE_ATTEMPTS,
                StoreErrorHandlers::openSearchUnavailable);
    }

    private static void giveUp(ConsumerRecord<?, ?> record, Exception failure) {
        log.error("Incident store: gave up on the alert at {}-{}@{} after {} attempts; its incident is not stored: {}",
                record.topic(), record.partition(), record.offset(), STORE_ATTEMPTS,
                StoreErrorHandlers.cause(failure).toString());
    }
}
