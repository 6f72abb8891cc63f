package io.vigie.ingest.source.bluesky;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.WatchSource;
import io.vigie.ingest.credential.Credentials;
import io.vigie.ingest.source.FetchResult;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceHttpProperties;
import io.vigie.ingest.source.http.SourceQuotas;
import io.vigie.ingest.source.http.SourceRateLimitedException;
import io.vigie.ingest.watch.SourceBinding;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Bluesky connector against a server replaying the recorded searchPosts answer. */
class BlueskyConnectorTests {

    private static final Credentials CREDENTIALS = new Credentials(Map.of(
            "VIGIE_CREDENTIAL_BSKY_IDENTIFIER", "vigie.bsky.social",
            "VIGIE_CREDENTIAL_BSKY_APP_PASSWORD", "abcd-efgh-ijkl-mnop"), Path.of("/nonexistent"));

    private final MockWebServer server = new MockWebServer();
    private BlueskyConnector connector;
    private SourceInstance instance;

    @BeforeEach
    void start() throws IOException {
        server.start();
        connector = connector("bsky");
        instance = connector.instances().get(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private BlueskyConnector connector(String credentialRef) {
        return connector(credentialRef, 5);
    }

    private BlueskyConnector connector(String credentialRef, int maxPages) {
        URI base = URI.create(server.url("/xrpc").toString());
        SourceHttpClient http = new SourceHttpClient(SourceHttpProperties.defaults(), Clock.systemUTC(), wait -> {
        }, new SourceQuotas(), new SimpleMeterRegistry());
        return new BlueskyConnector(type -> List.of(new SourceBinding("nuvelia",
                new WatchSource("bluesky", Map.of("search", List.of("nuvelia")), credentialRef))),
                CREDENTIALS, http, new BlueskyProperties(base, Duration.ofMinutes(2), 100, maxPages, 100_000), Clock.systemUTC());
    }

    @Test
    void oneInstancePerSearchQuery() {
        assertThat(instance.id()).isEqualTo("bluesky:nuvelia");
    }

    @Test
    void logsInFollowsTheCursorAndKeepsTheNewestTimeAsTheNextSince() throws Exception {
        server.enqueue(session("token-1"));
        server.enqueue(json(BlueskyPostParserTests.fixture("searchPosts_redistricting.body.json")));
        server.enqueue(json("{\"posts\":[]}"));

        FetchResult first = connector.fetch(instance, SourceCursor.NONE);

        assertThat(first.mentions()).hasSize(25);
        assertThat(first.nextCursor().get(BlueskyConnector.SINCE)).isEqualTo("2025-05-19T17:10:09.561858Z");
        RecordedRequest login = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(login.getMethod()).isEqualTo("POST");
        assertThat(login.getTarget()).isEqualTo("/xrpc/com.atproto.server.createSession");
        assertThat(login.getBody().utf8()).contains("\"identifier\":\"vigie.bsky.social\"", "\"password\":\"abcd-efgh-ijkl-mnop\"");
        RecordedRequest page1 = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(page1.getTarget()).isEqualTo("/xrpc/app.bsky.feed.searchPosts?q=nuvelia&sort=latest&limit=100");
        assertThat(page1.getHeaders().get("Authorization")).startsWith("Bearer eyJ").endsWith(".token-1");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("cursor")).isEqualTo("25");

        server.enqueue(json("{\"posts\":[]}"));
        FetchResult second = connector.fetch(instance, first.nextCursor());

        RecordedRequest next = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(next.getUrl().encodedPath()).as("the session is kept").endsWith("searchPosts");
        assertThat(next.getUrl().queryParameter("since")).isEqualTo("2025-05-19T17:10:09.561858Z");
        assertThat(second.mentions()).isEmpty();
        assertThat(second.nextCursor()).as("nothing new: the watermark stays").isEqualTo(first.nextCursor());
    }

    @Test
    void aSweepCutShortByMaxPagesGoesOnAtTheNextPollBeforeTheWatermarkMoves() throws Exception {
        BlueskyConnector onePage = connector("bsky", 1);
        SourceInstance query = onePage.instances().get(0);
        SourceCursor old = new SourceCursor(Map.of(BlueskyConnector.SINCE, "2025-05-18T00:00:00Z"));
        server.enqueue(session("token-1"));
        server.enqueue(json(BlueskyPostParserTests.fixture("searchPosts_redistricting.body.json")));

        FetchResult first = onePage.fetch(query, old);

        assertThat(first.mentions()).hasSize(25);
        assertThat(first.nextCursor().values()).containsEntry(BlueskyConnector.SINCE, "2025-05-18T00:00:00Z")
                .containsEntry(BlueskyConnector.PAGE, "25")
                .containsEntry(BlueskyConnector.PENDING_SINCE, "2025-05-19T17:10:09.561858Z");

        server.enqueue(json("{\"posts\":[]}"));
        FetchResult second = onePage.fetch(query, first.nextCursor());

        server.takeRequest(1, TimeUnit.SECONDS);
        server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest goOn = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(goOn.getUrl().queryParameter("cursor")).isEqualTo("25");
        assertThat(goOn.getUrl().queryParameter("since")).isEqualTo("2025-05-18T00:00:00Z");
        assertThat(second.nextCursor().values()).containsOnly(
                Map.entry(BlueskyConnector.SINCE, "2025-05-19T17:10:09.561858Z"));
    }

    @Test
    void aRefusedTokenIsRenewedOnce() throws Exception {
        server.enqueue(session("stale"));
        server.enqueue(new MockResponse.Builder().code(401).body("{\"error\":\"ExpiredToken\"}").build());
        server.enqueue(session("fresh"));
        server.enqueue(json(BlueskyPostParserTests.fixture("searchPosts_redistricting.body.json")));
        server.enqueue(json("{\"posts\":[]}"));

        assertThat(connector.fetch(instance, SourceCursor.NONE).mentions()).hasSize(25);

        server.takeRequest(1, TimeUnit.SECONDS);
        server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getTarget()).endsWith("createSession");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization")).endsWith(".fresh");
    }

    @Test
    void anExpiredTokenIsRenewedBeforeSearching() throws Exception {
        server.enqueue(session("expired", Instant.now().minusSeconds(10)));
        server.enqueue(json("{\"posts\":[]}"));
        server.enqueue(session("fresh"));
        server.enqueue(json("{\"posts\":[]}"));

        connector.fetch(instance, SourceCursor.NONE);
        connector.fetch(instance, SourceCursor.NONE);

        assertThat(server.getRequestCount()).isEqualTo(4);
        server.takeRequest(1, TimeUnit.SECONDS);
        server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getTarget()).endsWith("createSession");
    }

    @Test
    void aWrongAppPasswordSaysWhatToCheck() {
        server.enqueue(new MockResponse.Builder().code(401).body("{\"error\":\"AuthenticationRequired\"}").build());

        assertThatThrownBy(() -> connector.fetch(instance, SourceCursor.NONE))
                .isInstanceOf(SourceFetchException.class)
                .hasMessageContaining("refused the app password of 'vigie.bsky.social'")
                .hasMessageNotContaining("abcd-efgh");
    }

    @Test
    void withoutCredentialTheUserIsToldWhatToSet() {
        BlueskyConnector anonymous = connector(null);
        SourceInstance query = anonymous.instances().get(0);

        assertThatThrownBy(() -> anonymous.fetch(query, SourceCursor.NONE))
                .hasMessageContaining("needs an account").hasMessageContaining("<ref>.app-password");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aRateLimitedSearchIsNotCalledAgainBeforeItsReset() throws Exception {
        server.enqueue(session("token-1"));
        server.enqueue(new MockResponse.Builder().code(429).setHeader("RateLimit-Limit", "3000")
                .setHeader("RateLimit-Remaining", "0")
                .setHeader("RateLimit-Reset", Long.toString(Instant.now().plusSeconds(300).getEpochSecond()))
                .body("{\"error\":\"RateLimitExceeded\"}").build());

        assertThatThrownBy(() -> connector.fetch(instance, SourceCursor.NONE)).isInstanceOf(SourceRateLimitedException.class);
        assertThatThrownBy(() -> connector.fetch(instance, SourceCursor.NONE)).isInstanceOf(SourceRateLimitedException.class);

        assertThat(server.getRequestCount()).as("login and one search, nothing before the reset").isEqualTo(2);
    }

    private static MockResponse session(String token) {
        return session(token, Instant.now().plus(Duration.ofHours(2)));
    }

    /** A session whose access token is a JWT named {@code name} (its signature part) expiring at {@code expiresAt}. */
    private static MockResponse session(String name, Instant expiresAt) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"scope\":\"com.atproto.appPass\",\"exp\":" + expiresAt.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return json("{\"did\":\"did:plc:abc\",\"handle\":\"vigie.bsky.social\",\"accessJwt\":\"eyJhbGciOiJFUzI1NksifQ."
                + payload + "." + name + "\",\"refreshJwt\":\"r\"}");
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }
}
