package io.vigie.ingest.source.reddit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.MentionId;
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
import static org.assertj.core.api.Assertions.tuple;

/** The Reddit connector against a server replaying the recorded praw cassettes (token, listings, rate headers). */
class RedditConnectorTests {

    /** praw's recorded token answer (the token itself was redacted by praw). */
    private static final String TOKEN_ANSWER = "{\"access_token\": \"<ACCESS_TOKEN>\", \"token_type\": \"bearer\", "
            + "\"expires_in\": 86400, \"scope\": \"*\"}";
    /** A listing with nothing newer than the cursor: the recorded listing shape, without children. */
    private static final String NOTHING_NEW = "{\"kind\": \"Listing\", \"data\": {\"after\": null, \"dist\": 0, "
            + "\"modhash\": \"\", \"geo_filter\": \"\", \"children\": [], \"before\": null}}";

    private final MockWebServer server = new MockWebServer();
    private final SourceQuotas quotas = new SourceQuotas();
    private List<SourceBinding> bindings;
    private RedditConnector connector;

    @BeforeEach
    void start() throws IOException {
        server.start();
        bindings = List.of(
                new SourceBinding("acme", new WatchSource("reddit", Map.of("subreddits", List.of("AskReddit")), null)),
                new SourceBinding("acme-fr", new WatchSource("reddit",
                        Map.of("subreddits", List.of("r/askreddit"), "search", List.of("acme corp")), "reddit")));
        SourceHttpClient http = new SourceHttpClient(SourceHttpProperties.defaults(), Clock.systemUTC(), wait -> { },
                quotas, new SimpleMeterRegistry());
        URI base = URI.create(server.url("/").toString());
        RedditProperties settings = new RedditProperties(base, base, "https://www.reddit.com", "vigie-test", Duration.ofMinutes(5),
                100, 3, 1_000_000);
        Credentials credentials = new Credentials(Map.of("VIGIE_CREDENTIAL_REDDIT_CLIENT_ID", "my-app",
                "VIGIE_CREDENTIAL_REDDIT_CLIENT_SECRET", "my-secret"), Path.of("/nonexistent"));
        connector = new RedditConnector(type -> bindings, http, credentials, settings, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void oneInstancePerSubredditOrSearchWhicheverWatchesNameIt() {
        assertThat(connector.instances()).extracting(SourceInstance::id)
                .containsExactly("reddit:r/askreddit", "reddit:search:acme corp");
    }

    @Test
    void aTargetSharedByWatchesIsPolledAtTheShortestIntervalTheyAsk() {
        bindings = List.of(
                new SourceBinding("slow", new WatchSource("reddit", Map.of("subreddits", List.of("AskReddit")), null),
                        Duration.ofMinutes(10)),
                new SourceBinding("eager", new WatchSource("reddit", Map.of("subreddits", List.of("askreddit")),
                        "reddit"), Duration.ofMinutes(1)),
                new SourceBinding("default", new WatchSource("reddit", Map.of("search", List.of("acme corp")), null)));

        assertThat(connector.instances()).extracting(SourceInstance::id, SourceInstance::pollInterval)
                .containsExactly(tuple("reddit:r/askreddit", Duration.ofMinutes(1)),
                        tuple("reddit:search:acme corp", Duration.ofMinutes(5)));
    }

    @Test
    void theFirstPollReadsNewPostsAndCommentsAndTheNextOneOnlyNewerItems() throws Exception {
        server.enqueue(json(TOKEN_ANSWER));
        server.enqueue(json(RedditListingTests.fixture(RedditListingTests.NEW_POSTS)));
        server.enqueue(json(RedditListingTests.fixture(RedditListingTests.COMMENTS)));
        server.enqueue(json(NOTHING_NEW));
        server.enqueue(json(NOTHING_NEW));
        SourceInstance askReddit = connector.instances().get(0);

        FetchResult first = connector.fetch(askReddit, SourceCursor.NONE);
        FetchResult second = connector.fetch(askReddit, first.nextCursor());

        RecordedRequest token = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(token.getMethod()).isEqualTo("POST");
        assertThat(token.getUrl().encodedPath()).isEqualTo("/api/v1/access_token");
        assertThat(token.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("my-app:my-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(token.getBody().utf8()).isEqualTo("grant_type=client_credentials");
        RecordedRequest posts = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(posts.getUrl().encodedPath()).isEqualTo("/r/askreddit/new");
        assertThat(posts.getUrl().queryParameter("before")).isNull();
        assertThat(posts.getHeaders().get("Authorization")).isEqualTo("Bearer <ACCESS_TOKEN>");
        assertThat(posts.getHeaders().get("User-Agent")).isEqualTo("vigie-test");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/r/askreddit/comments");
        assertThat(first.mentions()).hasSize(200);
        assertThat(first.nextCursor().values()).isEqualTo(Map.of("new.before", "t3_48fbm9", "comments.before", "t1_k3yrfii"));

        RecordedRequest newerPosts = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(newerPosts.getUrl().encodedPath()).as("the token is kept").isEqualTo("/r/askreddit/new");
        assertThat(newerPosts.getUrl().queryParameter("before")).isEqualTo("t3_48fbm9");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("before")).isEqualTo("t1_k3yrfii");
        assertThat(second.mentions()).isEmpty();
        assertThat(second.nextCursor()).isEqualTo(first.nextCursor());
    }

    @Test
    void praw_sRecordedContinuationReadsTheNewerCommentsAndTheirRateHeaders() throws Exception {
        server.enqueue(json(TOKEN_ANSWER));
        server.enqueue(json(NOTHING_NEW));
        server.enqueue(jsonBuilder(RedditListingTests.fixture(RedditListingTests.NEWER_COMMENTS))
                .setHeader("x-ratelimit-remaining", "598.0").setHeader("x-ratelimit-reset", "523")
                .setHeader("x-ratelimit-used", "2").build());
        SourceInstance askReddit = connector.instances().get(0);
        SourceCursor cursor = new SourceCursor(Map.of("new.before", "t3_48fbm9", "comments.before", "t1_k3v0jp3"));

        FetchResult result = connector.fetch(askReddit, cursor);

        server.takeRequest(1, TimeUnit.SECONDS);
        server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("before")).isEqualTo("t1_k3v0jp3");
        assertThat(result.mentions()).hasSize(95);
        assertThat(result.mentions().get(0).id()).isEqualTo(MentionId.of("reddit", "t1_k3yrfii"));
        assertThat(result.nextCursor().values()).isEqualTo(Map.of("new.before", "t3_48fbm9", "comments.before", "t1_k3yrfii"));
        assertThat(quotas.get(askReddit.id()).remaining()).isEqualTo(598);
        assertThat(quotas.get(askReddit.id()).limit()).isEqualTo(600);
    }

    @Test
    void aSearchIsSortedByDate() throws Exception {
        server.enqueue(json(TOKEN_ANSWER));
        server.enqueue(json(RedditListingTests.fixture(RedditListingTests.NEW_POSTS)));

        FetchResult result = connector.fetch(connector.instances().get(1), SourceCursor.NONE);

        server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest search = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(search.getUrl().encodedPath()).isEqualTo("/search");
        assertThat(search.getUrl().queryParameter("q")).isEqualTo("acme corp");
        assertThat(search.getUrl().queryParameter("sort")).isEqualTo("new");
        assertThat(result.nextCursor().values()).isEqualTo(Map.of("search.before", "t3_48fbm9"));
    }

    @Test
    void a429WithAnExhaustedAllowanceStopsThePollUntilTheAnnouncedReset() throws Exception {
        server.enqueue(json(TOKEN_ANSWER));
        server.enqueue(new MockResponse.Builder().code(429).setHeader("x-ratelimit-remaining", "0.0")
                .setHeader("x-ratelimit-used", "600").setHeader("x-ratelimit-reset", "525").build());
        Instant before = Instant.now();

        assertThatThrownBy(() -> connector.fetch(connector.instances().get(0), SourceCursor.NONE))
                .isInstanceOfSatisfying(SourceRateLimitedException.class, e -> assertThat(e.retryAt())
                        .isBetween(before.plusSeconds(524), Instant.now().plusSeconds(526)));
        assertThat(server.getRequestCount()).as("no call while the allowance is spent").isEqualTo(2);
    }

    @Test
    void aMalformedPageFailsTheFetchAndTheNextPollAsksForANewToken() throws Exception {
        server.enqueue(json(TOKEN_ANSWER));
        server.enqueue(json("{\"kind\": \"Listing\", \"data\": {\"children\": [{\"kind\": \"t3\", \"data\": {\"na"));

        assertThatThrownBy(() -> connector.fetch(connector.instances().get(0), SourceCursor.NONE))
                .isInstanceOf(SourceFetchException.class).hasMessageContaining("is not a Reddit listing (not JSON");
    }

    @Test
    void aSubredditNoWatchGivesCredentialsForSaysWhatToSet() {
        bindings = List.of(new SourceBinding("acme", new WatchSource("reddit", Map.of("subreddits", List.of("acme")), null)));

        assertThatThrownBy(() -> connector.fetch(connector.instances().get(0), SourceCursor.NONE))
                .isInstanceOf(SourceFetchException.class).hasMessageContaining("set credentialRef");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void missingSecretsSayWhereToPutThem() throws Exception {
        bindings = List.of(new SourceBinding("acme", new WatchSource("reddit", Map.of("subreddits", List.of("acme")), "other")));

        assertThatThrownBy(() -> connector.fetch(connector.instances().get(0), SourceCursor.NONE))
                .isInstanceOf(SourceFetchException.class).hasMessageContaining("VIGIE_CREDENTIAL_OTHER_CLIENT_ID");
    }

    private static MockResponse json(String body) {
        return jsonBuilder(body).build();
    }

    private static MockResponse.Builder jsonBuilder(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=UTF-8").body(body);
    }
}
