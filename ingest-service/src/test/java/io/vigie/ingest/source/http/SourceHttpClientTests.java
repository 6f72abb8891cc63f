package io.vigie.ingest.source.http;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared client against a replaying server, with a clock and a sleeper that record waits instead of sleeping. */
class SourceHttpClientTests {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    private final MockWebServer server = new MockWebServer();
    private final MutableClock clock = new MutableClock(START);
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Sleeper sleeper = wait -> {
        waits.add(wait);
        clock.advance(wait);
    };
    private final SourceQuotas quotas = new SourceQuotas();
    private final SourceInstance instance = SourceInstance.of("test", "one");
    private URI uri;

    @BeforeEach
    void start() throws IOException {
        server.start();
        uri = server.url("/api").uri();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SourceHttpClient client(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new SourceHttpClient(new SourceHttpProperties(Duration.ofSeconds(2), Duration.ofSeconds(2),
                DataSize.ofKilobytes(64), "vigie-test", maxAttempts, initialBackoff, maxBackoff, Duration.ofMinutes(2),
                5, 50, 4, Duration.ofMinutes(5)), clock, sleeper, quotas, new SimpleMeterRegistry());
    }

    private SourceHttpClient client() {
        return client(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    private static MockResponse ok(String... headers) {
        MockResponse.Builder response = new MockResponse.Builder().code(200).body("{}");
        for (int i = 0; i < headers.length; i += 2) {
            response.setHeader(headers[i], headers[i + 1]);
        }
        return response.build();
    }

    private static MockResponse status(int code, String... headers) {
        MockResponse.Builder response = new MockResponse.Builder().code(code);
        for (int i = 0; i < headers.length; i += 2) {
            response.setHeader(headers[i], headers[i + 1]);
        }
        return response.build();
    }

    @Test
    void redditHeadersSpreadTheLastCallsUntilTheResetInSeconds() throws Exception {
        SourceHttpClient http = client();
        server.enqueue(ok("X-Ratelimit-Remaining", "2.0", "X-Ratelimit-Used", "98", "X-Ratelimit-Reset", "60"));
        server.enqueue(ok());

        http.get(instance, uri, Map.of());
        http.get(instance, uri, Map.of());

        assertThat(waits).as("two calls left for 60 s: one every 30 s, no 429").containsExactly(Duration.ofSeconds(30));
        assertThat(quotas.get(instance.id())).satisfies(quota -> {
            assertThat(quota.remaining()).isEqualTo(2);
            assertThat(quota.limit()).isEqualTo(100);
            assertThat(quota.resetAt()).isEqualTo(START.plusSeconds(60));
        });
    }

    @Test
    void githubHeadersWaitForTheResetInEpochSecondsWhenNothingIsLeft() throws Exception {
        SourceHttpClient http = client();
        server.enqueue(ok("X-RateLimit-Limit", "60", "X-RateLimit-Remaining", "0",
                "X-RateLimit-Reset", String.valueOf(START.plusSeconds(50).getEpochSecond())));
        server.enqueue(ok());

        http.get(instance, uri, Map.of());
        http.get(instance, uri, Map.of());

        assertThat(waits).containsExactly(Duration.ofSeconds(50));
    }

    @Test
    void mastodonHeadersGiveTheResetAsAnIsoDate() throws Exception {
        SourceHttpClient http = client();
        server.enqueue(ok("X-RateLimit-Limit", "300", "X-RateLimit-Remaining", "1",
                "X-RateLimit-Reset", START.plusSeconds(40).atOffset(ZoneOffset.UTC).toString()));
        server.enqueue(ok());

        http.get(instance, uri, Map.of());
        http.get(instance, uri, Map.of());

        assertThat(waits).containsExactly(Duration.ofSeconds(40));
    }

    @Test
    void blueskyAndIetfRateLimitHeadersAreHonoured() throws Exception {
        SourceHttpClient http = client();
        server.enqueue(ok("RateLimit-Limit", "3000", "RateLimit-Remaining", "0",
                "RateLimit-Reset", String.valueOf(START.plusSeconds(20).getEpochSecond())));
        server.enqueue(ok("RateLimit-Limit", "100, 100;w=60", "RateLimit-Remaining", "4", "RateLimit-Reset", "12"));
        server.enqueue(ok());

        http.get(instance, uri, Map.of());
        http.get(instance, uri, Map.of());
        http.get(instance, uri, Map.of());

        assertThat(waits).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(3));
        assertThat(quotas.get(instance.id()).limit()).isEqualTo(100);
    }

    @Test
    void plentyOfCallsLeftMeansNoWait() throws Exception {
        SourceHttpClient http = client();
        server.enqueue(ok("X-RateLimit-Remaining", "4999", "X-RateLimit-Reset", String.valueOf(START.plusSeconds(3600).getEpochSecond())));
        server.enqueue(ok());

        http.get(instance, uri, Map.of());
        http.get(instance, uri, Map.of());

        assertThat(waits).isEmpty();
    }

    @Test
    void aResetTooFarAwayFailsAsRateLimitedWithoutCallingTheSource() throws Exception {
        SourceHttpClient http = client();
        server.enqueue(ok("X-RateLimit-Remaining", "0", "X-RateLimit-Reset", String.valueOf(START.plusSeconds(3600).getEpochSecond())));

        http.get(instance, uri, Map.of());

        assertThatThrownBy(() -> http.get(instance, uri, Map.of()))
                .isInstanceOf(SourceRateLimitedException.class)
                .hasMessageContaining("allows no further call")
                .satisfies(e -> assertThat(((SourceRateLimitedException) e).retryAt()).isEqualTo(START.plusSeconds(3600)));
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(http.breakerState(instance.id())).as("being rate-limited is not a failure of the source").isEqualTo("closed");
    }

    @Test
    void retryAfterInSecondsIsWaitedBeforeTheRetry() throws Exception {
        SourceHttpClient http = client();
        server.enqueue(status(429, "Retry-After", "7"));
        server.enqueue(ok());

        SourceResponse response = http.get(instance, uri, Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsAnHttpDateIsWaitedBeforeTheRetry() throws Exception {
        SourceHttpClient http = client();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(12).atOffset(ZoneOffset.UTC));
        server.enqueue(status(503, "Retry-After", date));
        server.enqueue(ok());

        http.get(instance, uri, Map.of());

        assertThat(waits).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void aSourceThatKeepsAnswering429FailsAsRateLimited() {
        SourceHttpClient http = client(2, Duration.ofMillis(100), Duration.ofSeconds(1));
        server.enqueue(status(429, "Retry-After", "1"));
        server.enqueue(status(429, "Retry-After", "1"));

        assertThatThrownBy(() -> http.get(instance, uri, Map.of()))
                .isInstanceOf(SourceRateLimitedException.class).hasMessageContaining("HTTP 429");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoffAndBoundedJitter() throws Exception {
        for (int run = 0; run < 20; run++) {
            waits.clear();
            SourceHttpClient http = client(4, Duration.ofSeconds(1), Duration.ofSeconds(3));
            server.enqueue(status(503));
            server.enqueue(status(502));
            server.enqueue(status(500));
            server.enqueue(ok());

            assertThat(http.get(instance, uri, Map.of()).status()).isEqualTo(200);

            assertThat(waits).hasSize(3);
            assertThat(waits.get(0)).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
            assertThat(waits.get(1)).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
            assertThat(waits.get(2)).as("capped by max-backoff").isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
        }
    }

    @Test
    void serverErrorsOnEveryAttemptSayWhatFailed() {
        SourceHttpClient http = client(3, Duration.ofMillis(10), Duration.ofMillis(10));
        server.enqueue(status(503));
        server.enqueue(status(503));
        server.enqueue(status(503));

        assertThatThrownBy(() -> http.get(instance, uri, Map.of()))
                .isInstanceOf(SourceFetchException.class).hasMessageContaining("HTTP 503 from " + uri);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aClientErrorIsNotRetriedAndDoesNotOpenTheBreaker() {
        SourceHttpClient http = client();
        for (int i = 0; i < 6; i++) {
            server.enqueue(status(404));
            assertThatThrownBy(() -> http.get(instance, uri, Map.of())).hasMessageContaining("HTTP 404");
        }
        assertThat(server.getRequestCount()).isEqualTo(6);
        assertThat(waits).isEmpty();
        assertThat(http.breakerState(instance.id())).isEqualTo("closed");
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresThenLetsATrialCallThroughLater() throws Exception {
        SourceHttpClient http = client(1, Duration.ofMillis(10), Duration.ofMillis(10));
        for (int i = 0; i < 4; i++) {
            server.enqueue(status(500));
            assertThatThrownBy(() -> http.get(instance, uri, Map.of())).hasMessageContaining("HTTP 500");
        }

        assertThatThrownBy(() -> http.get(instance, uri, Map.of()))
                .isInstanceOf(SourceCircuitOpenException.class).hasMessageContaining("circuit breaker open");
        assertThat(server.getRequestCount()).as("an open breaker does not call the source").isEqualTo(4);
        assertThat(http.breakerState(instance.id())).isEqualTo("open");
        SourceInstance other = SourceInstance.of("test", "two");
        server.enqueue(ok());
        assertThat(http.get(other, uri, Map.of()).status()).as("breakers are per instance").isEqualTo(200);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        server.enqueue(ok());
        assertThat(http.get(instance, uri, Map.of()).status()).isEqualTo(200);
        assertThat(http.breakerState(instance.id())).isEqualTo("closed");
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() throws Exception {
        SourceHttpClient http = client();
        server.enqueue(new MockResponse.Builder().code(200)
                .body(new Buffer().write(new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28, '!'})).build());

        assertThat(http.get(instance, uri, Map.of()).text()).isEqualTo("ok\uFFFD(!");
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedWithTheSettingToChange() {
        SourceHttpClient http = client();
        server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[128 * 1024])).build());

        assertThatThrownBy(() -> http.get(instance, uri, Map.of()))
                .hasMessageContaining("answered more than 64KB (vigie.ingest.http.max-body-size)");
        assertThat(server.getRequestCount()).as("not retried").isEqualTo(1);
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        SourceHttpClient http = new SourceHttpClient(new SourceHttpProperties(Duration.ofSeconds(1), Duration.ofMillis(300),
                DataSize.ofKilobytes(64), "vigie-test", 2, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofMinutes(2), 5, 50, 4, Duration.ofMinutes(5)), clock, sleeper, quotas, new SimpleMeterRegistry());
        server.enqueue(new MockResponse.Builder().code(200).body("late").headersDelay(2, TimeUnit.SECONDS).build());
        server.enqueue(ok());

        assertThat(http.get(instance, uri, Map.of()).text()).isEqualTo("{}");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void postSendsTheBodyAndConnectorHeaders() throws Exception {
        SourceHttpClient http = client();
        server.enqueue(ok());

        http.post(instance, uri, Map.of("User-Agent", "connector/1"), "application/json", "{\"q\":\"é\"}");

        var request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("connector/1");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBody().utf8()).isEqualTo("{\"q\":\"é\"}");
    }
}
