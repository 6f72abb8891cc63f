package io.vigie.alert.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Error handling of a consumer that stores what it reads in OpenSearch:
 * <ul>
 *   <li>a record that could not be stored because OpenSearch is unreachable or overloaded is retried until it can
 *       (1 s doubling up to 1 min): skipping it would lose it;</li>
 *   <li>any other failure (OpenSearch refusing the document, a bug) is retried a bounded number of times, then the
 *       record is handed to {@code giveUp} and the consumer goes on, so that one bad record never holds up the ones
 *       behind it;</li>
 *   <li>every failed attempt is logged with its reason: spring-kafka itself only says "Record in retry and not yet
 *       recovered", which left a blocked consumer silent.</li>
 * </ul>
 */
public final class StoreErrorHandlers {

    private static final Logger log = LoggerFactory.getLogger(StoreErrorHandlers.class);

    private StoreErrorHandlers() {
    }

    /**
     * @param consumer    names the consumer in the log
     * @param giveUp      what becomes of a record given up on
     * @param attempts    tries of a record that fails for another reason than OpenSearch being unavailable
     * @param unavailable whether a failure is OpenSearch unreachable or overloaded (waited for)
     */
    public static DefaultErrorHandler of(String consumer, ConsumerRecordRecoverer giveUp, int attempts,
                                         Predicate<Exception> unavailable) {
        DefaultErrorHandler handler = new DefaultErrorHandler(giveUp, untilStored());
        BackOff bounded = bounded(attempts);
        handler.setBackOffFunction((record, e) -> unavailable.test(e) ? null : bounded);
        handler.setRetryListeners(new RetryListener() {
            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception e, int attempt) {
                Throwable cause = cause(e);
                if (unavailable.test(e)) {
                    log.warn("{}: could not store the record at {}-{}@{} (attempt {}): {}; retrying until OpenSearch"
                            + " answers", consumer, record.topic(), record.partition(), record.offset(), attempt,
                            cause.toString());
                } else {
                    log.warn("{}: the record at {}-{}@{} failed (attempt {} of {}): {}", consumer, record.topic(),
                            record.partition(), record.offset(), attempt, attempts, cause.toString(), cause);
                }
            }
        });
        return handler;
    }

    /** OpenSearch unreachable (an I/O failure) or overloaded (HTTP 429 or 5xx), anywhere in the causes. */
    public static boolean openSearchUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OpenSearchException refused) {
                return refused.status() == 429 || refused.status() >= 500;
            }
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The listener's own exception rather than spring-kafka's wrappers. */
    public static Throwable cause(Exception e) {
        Throwable cause = e;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof BatchListenerFailedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
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
