package io.vigie.ingest.source.http;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.ingest.config.HumanUnits;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The only way connectors talk HTTP to their sources. Per source instance it paces calls after the source's
 * rate-limit headers (slowing down before a 429), retries 429, 5xx, timeouts and connection failures with bounded
 * exponential back-off and jitter, stops calling a source that keeps failing (circuit breaker) and lets one call at a
 * time through (bulkhead), so a connector only maps payloads. Bodies are bounded in size and time.
 */
@Component
public class SourceHttpClient {

    private static final Logger log = LoggerFactory.getLogger(SourceHttpClient.class);
    private static final byte[] NO_BODY = new byte[0];
    private static final double BACKOFF_MULTIPLIER = 2.0;
    private static final double BACKOFF_JITTER = 0.5;

    private final SourceHttpProperties settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SourceQuotas quotas;
    private final HttpClient http;
    private final IntervalFunction backoff;
    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final Map<String, Instant> nextCallAt = new ConcurrentHashMap<>();

    @Autowired
    public SourceHttpClient(SourceHttpProperties settings, Clock clock, SourceQuotas quotas, MeterRegistry meters) {
        this(settings, clock, Sleeper.REAL, quotas, meters);
    }

    public SourceHttpClient(SourceHttpProperties settings, Clock clock, Sleeper sleeper, SourceQuotas quotas,
                            MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.quotas = quotas;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), BACKOFF_MULTIPLIER,
                BACKOFF_JITTER, settings.maxBackoff());
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindow(settings.breakerWindow(), settings.breakerWindow(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build());
        // One call at a time per instance; a second caller waits at most as long as one call may take.
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(1)
                .maxWaitDuration(settings.connectTimeout().plus(settings.readTimeout()))
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    /** GET; returns a 2xx or 304 answer, throws an actionable {@link SourceFetchException} for anything else. */
    public SourceResponse get(SourceInstance instance, URI uri, Map<String, String> headers) throws SourceFetchException {
        return call(instance, request(uri, headers).GET(), uri);
    }

    /** POST of a body (JSON, form); same guarantees as {@link #get}. */
    public SourceResponse post(SourceInstance instance, URI uri, Map<String, String> headers, String contentType,
                               String body) throws SourceFetchException {
        return call(instance, request(uri, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), uri);
    }

    /** @return closed, open, half-open... of the instance's breaker; null before its first call */
    public String breakerState(String instanceId) {
        return breakers.find(instanceId)
                .map(breaker -> breaker.getState().name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .orElse(null);
    }

    private HttpRequest.Builder request(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.readTimeout());
        headers.forEach(request::header);
        if (headers.keySet().stream().noneMatch("User-Agent"::equalsIgnoreCase)) {
            request.header("User-Agent", settings.userAgent());
        }
        return request;
    }

    private SourceResponse call(SourceInstance instance, HttpRequest.Builder request, URI uri) throws SourceFetchException {
        Bulkhead bulkhead = bulkheads.bulkhead(instance.id());
        if (!bulkhead.tryAcquirePermission()) {
            throw new SourceFetchException(instance.id() + " is still busy with a previous call to " + uri.getHost()
                    + " after " + HumanUnits.of(bulkhead.getBulkheadConfig().getMaxWaitDuration())
                    + "; this call is skipped and retried at the next poll");
        }
        try {
            CircuitBreaker breaker = breakers.circuitBreaker(instance.id());
            if (!breaker.tryAcquirePermission()) {
                throw new SourceCircuitOpenException(instance.id() + " failed too often lately (circuit breaker open); "
                        + "it is not called until a trial call is let through, at most "
                        + HumanUnits.of(settings.breakerOpenFor()) + " after it opened (vigie.ingest.http.breaker-open-for)");
            }
            long start = System.nanoTime();
            try {
                SourceResponse response = attempts(instance, request.build(), uri);
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return response;
            } catch (SourceRateLimitedException | ClientError e) {
                // Asked to slow down, or refused for a reason of ours: says nothing about the source's health.
                breaker.releasePermission();
                throw e instanceof ClientError client ? client.failure : e;
            } catch (SourceFetchException e) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                throw e;
            }
        } finally {
            bulkhead.onComplete();
        }
    }

    private SourceResponse attempts(SourceInstance instance, HttpRequest request, URI uri) throws SourceFetchException {
        SourceFetchException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(instance, backoff.apply(attempt - 1));
            }
            waitForAllowance(instance, uri);
            HttpResponse<byte[]> response;
            try {
                response = exchange(request, uri);
            } catch (Transient e) {
                last = e.failure;
                log.debug("source '{}': attempt {} failed: {}", instance.id(), attempt, last.getMessage());
                continue;
            }
            observeAllowance(instance, response);
            int status = response.statusCode();
            if (status / 100 == 2 || status == 304) {
                return new SourceResponse(status, response.headers(), response.body());
            }
            if (status == 429) {
                Instant retryAt = nextCallAt.get(instance.id());
                last = new SourceRateLimitedException("HTTP 429 from " + uri + ": the source asks to slow down"
                        + (retryAt == null ? "" : "; it is not called again before " + retryAt), retryAt);
            } else if (status >= 500 || status == 408) {
                last = new SourceFetchException("HTTP " + status + " from " + uri + advice(status));
            } else {
                throw new ClientError(new SourceFetchException("HTTP " + status + " from " + uri + advice(status)));
            }
            log.debug("source '{}': attempt {} got HTTP {}", instance.id(), attempt, status);
        }
        throw last;
    }

    /** Waits the back-off, or longer when the source asked for more (Retry-After, exhausted quota). */
    private void pause(SourceInstance instance, long backoffMillis) throws SourceFetchException {
        Duration wait = Duration.ofMillis(backoffMillis);
        Instant allowed = nextCallAt.get(instance.id());
        if (allowed != null) {
            Duration asked = Duration.between(clock.instant(), allowed);
            if (asked.compareTo(wait) > 0 && asked.compareTo(settings.maxRateLimitWait()) <= 0) {
                wait = asked;
            }
        }
        sleep(wait);
    }

    /** Never calls a source before the time its own headers allow; refuses to block a poll for too long. */
    private void waitForAllowance(SourceInstance instance, URI uri) throws SourceFetchException {
        Instant allowed = nextCallAt.get(instance.id());
        if (allowed == null) {
            return;
        }
        Duration wait = Duration.between(clock.instant(), allowed);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wait.compareTo(settings.maxRateLimitWait()) > 0) {
            throw new SourceRateLimitedException(uri.getHost() + " allows no further call to " + instance.id()
                    + " before " + allowed + " (in " + HumanUnits.of(wait) + ", from its rate-limit headers); "
                    + "it is polled again then", allowed);
        }
        log.debug("source '{}': waiting {} for its rate limit", instance.id(), HumanUnits.of(wait));
        sleep(wait);
    }

    private void observeAllowance(SourceInstance instance, HttpResponse<?> response) {
        Instant now = clock.instant();
        RateLimitHeaders limits = RateLimitHeaders.parse(response.headers(), now);
        Duration wait = limits.waitBeforeNextCall(now, settings.lowRemaining());
        if (wait.isZero() && response.statusCode() == 429) {
            // A 429 that does not say how long to wait: at least one back-off step.
            wait = settings.initialBackoff();
        }
        if (wait.isZero()) {
            nextCallAt.remove(instance.id());
        } else {
            nextCallAt.put(instance.id(), now.plus(wait));
        }
        if (limits.announcesQuota()) {
            quotas.report(instance, new SourceQuota(SourceQuota.REQUESTS, limits.remaining(), limits.limit(),
                    limits.resetAt(), now));
        }
    }

    private void sleep(Duration wait) throws SourceFetchException {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceFetchException("interrupted while waiting to call the source (the service is stopping)", e);
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request, URI uri) throws SourceFetchException, Transient {
        long maxBytes = settings.maxBodySize().toBytes();
        CompletableFuture<HttpResponse<byte[]>> response = http.sendAsync(request, info ->
                info.statusCode() / 100 == 2 ? new BoundedBody(maxBytes) : HttpResponse.BodySubscribers.replacing(NO_BODY));
        try {
            // The request timeout only covers the headers; this deadline also bounds a body that trickles in.
            return response.get(settings.connectTimeout().plus(settings.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new Transient(new SourceFetchException("no complete answer from " + uri + " within "
                    + HumanUnits.of(settings.readTimeout()) + " (vigie.ingest.http.read-timeout)", e));
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceFetchException("interrupted while fetching " + uri + " (the service is stopping)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof BoundedBody.TooLargeException) {
                throw new SourceFetchException(uri + " answered more than " + HumanUnits.of(settings.maxBodySize())
                        + " (vigie.ingest.http.max-body-size); raise the limit if this source is really that big", cause);
            }
            throw new Transient(failure(uri, cause));
        }
    }

    private SourceFetchException failure(URI uri, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new SourceFetchException("cannot connect to " + uri + " within " + HumanUnits.of(settings.connectTimeout())
                    + " (vigie.ingest.http.connect-timeout); check the host and the network", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new SourceFetchException("no answer from " + uri + " within " + HumanUnits.of(settings.readTimeout())
                    + " (vigie.ingest.http.read-timeout)", cause);
        }
        if (cause instanceof ConnectException) {
            return new SourceFetchException("cannot connect to " + uri + "; check the URL and that the host is up", cause);
        }
        if (cause instanceof IOException) {
            return new SourceFetchException("cannot fetch " + uri + ": " + cause.getMessage(), cause);
        }
        return new SourceFetchException("cannot fetch " + uri + ": " + cause, cause);
    }

    private static String advice(int status) {
        if (status == 401 || status == 403) {
            return ": the source refuses access; check the credential of this source, or that the resource is public";
        }
        if (status == 404 || status == 410) {
            return ": not found; check the source's settings in its watch";
        }
        if (status >= 500) {
            return ": the source failed (retried with back-off)";
        }
        return "";
    }

    /** A failure worth another attempt (timeout, connection reset). */
    private static final class Transient extends Exception {

        private final SourceFetchException failure;

        Transient(SourceFetchException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    /** A 4xx that retrying cannot fix. */
    private static final class ClientError extends SourceFetchException {

        private final SourceFetchException failure;

        ClientError(SourceFetchException failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }
}
