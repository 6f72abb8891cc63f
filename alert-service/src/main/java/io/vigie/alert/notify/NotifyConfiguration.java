package io.vigie.alert.notify;

import io.vigie.alert.kafka.StoreErrorHandlers;
import io.vigie.alert.notify.delivery.DeliveryStoreException;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    static final String CONTAINER_FACTORY = "notifyListenerContainerFactory";

    /**
     * The notification consumer's own container factory: Boot's settings, and an error handler that
     * <ul>
     *   <li>retries an alert whose deliveries could not be stored because OpenSearch is unreachable or overloaded
     *       until it can (1 s doubling up to 1 min): skipping it would lose the notification;</li>
     *   <li>retries any other failure (OpenSearch refusing the documents, a bug) {@code max-store-attempts} times,
     *       then records the alert's deliveries as failed with the reason and goes on, so that one bad record never
     *       holds up the alerts behind it;</li>
     *   <li>logs every failed attempt with its reason: spring-kafka itself only says "Record in retry and not yet
     *       recovered", which left a blocked consumer silent.</li>
     * </ul>
     */
    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> notifyListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            ObjectProvider<NotifyListener> listener, NotifyProperties settings) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        // Looked up when a record is given up on: the listener is created after its container factory.
        factory.setCommonErrorHandler(errorHandler((record, e) -> listener.getObject().giveUp(record, e), settings));
        return factory;
    }

    /**
     * The time of the notification side: routing (quiet hours, digest times), due deliveries, leases and the delivery
     * retention. The system clock; a bean so that a test can move it forward instead of waiting for a digest.
     */
    @Bean
    Clock notifyClock() {
        return Clock.systemUTC();
    }

    static DefaultErrorHandler errorHandler(ConsumerRecordRecoverer giveUp, NotifyProperties settings) {
        return StoreErrorHandlers.of("Notification consumer", giveUp, settings.maxStoreAttempts(),
                NotifyConfiguration::unavailable);
    }

    /** OpenSearch unreachable or overloaded: waiting helps, and giving up would lose the notification. */
    static boolean unavailable(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeliveryStoreException store) {
                return store.transientFailure();
            }
        }
        return StoreErrorHandlers.openSearchUnavailable(e);
    }
}
