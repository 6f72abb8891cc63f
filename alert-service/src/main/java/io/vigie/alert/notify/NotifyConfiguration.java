package io.vigie.alert.notify;

import io.vigie.alert.notify.delivery.DeliveryStoreException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class NotifyConfiguration {

    static final String CONTAINER_FACTORY = "notifyListenerContainerFactory";
    private static final Logger log = LoggerFactory.getLogger(NotifyConfiguration.class);

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
        DefaultErrorHandler handler = new DefaultErrorHandler(giveUp, untilStored());
        BackOff bounded = bounded(settings.maxStoreAttempts());
        handler.setBackOffFunction((record, e) -> unavailable(e) ? null : bounded);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
                Throwable cause = cause(e);
                if (unavailable(e)) {
                    log.warn("Notification consumer: could not store the deliveries of the alert at {}-{}@{}"
                                    + " (attempt {}): {}; retrying until OpenSearch answers", record.topic(),
                            record.partition(), record.offset(), attempt, cause.toString());
                } else {
                    log.warn("Notification consumer: the alert at {}-{}@{} failed (attempt {} of {}): {}",
                            record.topic(), record.partition(), record.offset(), attempt,
                            settings.maxStoreAttempts(), cause.toString(), cause);
                }
            }
        });
        return handler;
    }

    /** OpenSearch unreachable or overloaded: waiting helps, and giving up would lose the notification. */
    static boolean unavailable(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeliveryStoreException store) {
                return store.transientFailure();
            }
            if (cause instanceof OpenSearchException refused) {
                return refused.status() == 429 || refused.status() >= 500;
            }
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    static Throwable cause(Exception e) {
        return e instanceof ListenerExecutionFailedException && e.getCause() != null ? e.getCause() : e;
    }

    private static BackOff untilStored() {
        ExponentialBackOff backOff = new ExponentialBackOff(Duration.ofSeconds(1).toMillis(), 2);
        backOff.setMaxInterval(Duration.ofMinutes(1).toMillis());
        return backOff;
    }

    private static BackOff bounded(int attempts) {
        ExponentialBackOff backOff = new ExponentialBackOff(Duration.ofMillis(500).toMillis(), 2);
        backOff.setMaxInterval(Duration.ofSeconds(5).toMillis());
        backOff.setMaxAttempts(attempts - 1);
        return backOff;
    }
}
