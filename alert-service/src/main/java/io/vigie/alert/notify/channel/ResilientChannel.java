package io.vigie.alert.notify.channel;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A channel behind its own retry (exponential backoff with ±50 % jitter) and circuit breaker. Only transient
 * failures are retried and counted by the breaker: a refused message says nothing about the receiver's health.
 * While the breaker is open the channel is not called at all.
 */
public final class ResilientChannel {

    private static final double BACKOFF_MULTIPLIER = 2;
    private static final double JITTER = 0.5;
    /** Breaker window: the last 4 calls, opening at 50 % failures. */
    private static final int BREAKER_WINDOW = 4;

    private final NotificationChannel channel;
    private final Retry retry;
    private final CircuitBreaker breaker;

    public ResilientChannel(NotificationChannel channel, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                            Duration breakerOpenFor) {
        this.channel = channel;
        this.retry = Retry.of(channel.name(), RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialBackoff, BACKOFF_MULTIPLIER,
                        JITTER, maxBackoff))
                .retryOnException(ResilientChannel::transientFailure)
                .build());
        this.breaker = CircuitBreaker.of(channel.name(), CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(BREAKER_WINDOW)
                .minimumNumberOfCalls(BREAKER_WINDOW)
                .failureRateThreshold(50)
                .waitDurationInOpenState(breakerOpenFor)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof DeliveryFailure failure && !failure.permanent())
                .build());
    }

    public NotificationChannel channel() {
        return channel;
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /**
     * Sends with retries; never throws. Once an attempt may have arrived without an answer, the next ones are sent
     * marked as a possible repeat ({@link Notification#asPossibleRepeat()}).
     */
    public Outcome deliver(Notification notification) {
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean uncertain = new AtomicBoolean(notification.possibleRepeat());
        Supplier<Void> once = () -> {
            calls.incrementAndGet();
            try {
                channel.send(uncertain.get() ? notification.asPossibleRepeat() : notification);
            } catch (DeliveryFailure e) {
                if (e.mayHaveArrived()) {
                    uncertain.set(true);
                }
                throw e;
            }
            return null;
        };
        try {
            Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, once)).get();
            return new Outcome(true, calls.get(), null, false, uncertain.get());
        } catch (DeliveryFailure e) {
            return new Outcome(false, calls.get(), e.getMessage(), e.permanent(), uncertain.get());
        } catch (CallNotPermittedException e) {
            return new Outcome(false, calls.get(), "circuit breaker open after repeated failures: channel '"
                    + channel.name() + "' not called, next trial in a while", false, uncertain.get());
        } catch (RuntimeException e) {
            // A bug or an unexpected library failure: keep the delivery and say what it was.
            return new Outcome(false, calls.get(), e.getClass().getSimpleName() + ": " + AlertText.plain(e.getMessage()),
                    false, uncertain.get());
        }
    }

    private static boolean transientFailure(Throwable e) {
        return e instanceof CallNotPermittedException || e instanceof DeliveryFailure failure && !failure.permanent();
    }

    /**
     * @param delivered whether the receiver accepted the message
     * @param attempts  calls actually made to the receiver in this round (none while the breaker is open)
     * @param error     the last failure, free of secrets; null when delivered
     * @param permanent whether retrying cannot help
     * @param uncertain whether the message may have reached the receiver before (this round or an earlier one)
     *                  without an answer: later attempts are sent as a possible repeat
     */
    public record Outcome(boolean delivered, int attempts, String error, boolean permanent, boolean uncertain) {
    }
}
