package io.vigie.ingest.source.github;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.WatchSource;
import io.vigie.ingest.credential.Credentials;
import io.vigie.ingest.source.FetchResult;
import io.vigie.ingest.source.SourceCursor;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GitHub connector against a server replaying the recorded issue search (octokit/fixtures). */
class GitHubConnectorTests {

    private static final Credentials CREDENTIALS = new Credentials(Map.of("VIGIE_CREDENTIAL_GITHUB_TOKEN", "ghp_secret"),
            Path.of("/nonexistent"));

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private GitHubConnector connector(String credentialRef, int perPage) {
        return connector(credentialRef, perPage, 3);
    }

    private GitHubConnector connector(String credentialRef, int perPage, int maxPages) {
        SourceHttpClient http = new SourceHttpClient(SourceHttpProperties.defaults(), Clock.systemUTC(), wait -> {
        }, new SourceQuotas(), new SimpleMeterRegistry());
        return connector(credentialRef, perPage, maxPages, http, new SourceQuotas());
    }

    private GitHubConnector connector(String credentialRef, int perPage, SourceHttpClient http, SourceQuotas quotas) {
        return connector(credentialRef, perPage, 3, http, quotas);
    }

    private GitHubConnector connector(String credentialRef, int perPage, int maxPages, SourceHttpClient http,
                                      SourceQuotas quotas) {
        return new GitHubConnector(type -> List.of(new SourceBinding("nuvelia",
                new WatchSource("github", Map.of("search", List.of("nuvelia in:title,body")), credentialRef))),
                CREDENTIALS, http, quotas, new GitHubProperties(URI.create(server.url("/").toString().replaceAll("/$", "")),
                Duration.ofMinutes(5), perPage, maxPages, 100_000), Clock.systemUTC());
    }

    @Test
    void searchesWithTheTokenAndAsksFromTheLastUpdateNextTime() throws Exception {
        GitHubConnector connector = connector("github.token", 50);
        SourceInstance instance = connector.instances().get(0);
        server.enqueue(recorded());

        FetchResult first = connector.fetch(instance, SourceCursor.NONE);

        assertThat(first.mentions()).hasSize(2);
        assertThat(first.nextCursor().get(GitHubConnector.UPDATED_SINCE)).isEqualTo("2017-10-10T16:00:00Z");
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/search/issues");
        assertThat(request.getUrl().queryParameter("q")).isEqualTo("nuvelia in:title,body");
        assertThat(request.getUrl().queryParameter("sort")).isEqualTo("updated");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer ghp_secret");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/vnd.github+json");

        server.enqueue(json("{\"total_count\":0,\"incomplete_results\":false,\"items\":[]}"));
        FetchResult second = connector.fetch(instance, first.nextCursor());

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("q"))
                .isEqualTo("nuvelia in:title,body updated:>=2017-10-10T16:00:00Z");
        assertThat(second.nextCursor()).isEqualTo(first.nextCursor());
    }

    @Test
    void aFullPageAsksForTheNext() throws Exception {
        GitHubConnector connector = connector(null, 2);
        server.enqueue(recorded());
        server.enqueue(json("{\"total_count\":2,\"incomplete_results\":false,\"items\":[]}"));

        assertThat(connector.fetch(connector.instances().get(0), SourceCursor.NONE).mentions()).hasSize(2);

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization")).as("no token").isNull();
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("page")).isEqualTo("2");
    }

    @Test
    void aSweepCutShortByMaxPagesGoesOnAtTheNextPollBeforeTheWatermarkMoves() throws Exception {
        GitHubConnector connector = connector(null, 2, 1);
        SourceInstance instance = connector.instances().get(0);
        server.enqueue(recorded());

        FetchResult first = connector.fetch(instance, new SourceCursor(Map.of(GitHubConnector.UPDATED_SINCE, "2017-01-01T00:00:00Z")));

        assertThat(first.nextCursor().values()).containsEntry(GitHubConnector.UPDATED_SINCE, "2017-01-01T00:00:00Z")
                .containsEntry(GitHubConnector.PAGE, "2")
                .containsEntry(GitHubConnector.PENDING_SINCE, "2017-10-10T16:00:00Z");

        server.enqueue(json("{\"total_count\":2,\"incomplete_results\":false,\"items\":[]}"));
        FetchResult second = connector.fetch(instance, first.nextCursor());

        server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest goOn = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(goOn.getUrl().queryParameter("page")).isEqualTo("2");
        assertThat(goOn.getUrl().queryParameter("q")).endsWith("updated:>=2017-01-01T00:00:00Z");
        assertThat(second.nextCursor().values()).containsOnly(Map.entry(GitHubConnector.UPDATED_SINCE, "2017-10-10T16:00:00Z"));
    }

    @Test
    void a403WithTheRateLimitSpentIsReportedAsRateLimitedAndNotRetriedBeforeTheReset() {
        SourceQuotas quotas = new SourceQuotas();
        SourceHttpClient http = new SourceHttpClient(SourceHttpProperties.defaults(), Clock.systemUTC(), wait -> {
        }, quotas, new SimpleMeterRegistry());
        GitHubConnector connector = connector(null, 50, http, quotas);
        SourceInstance instance = connector.instances().get(0);
        long reset = Instant.now().plusSeconds(3600).getEpochSecond();
        server.enqueue(new MockResponse.Builder().code(403).setHeader("X-RateLimit-Limit", "10")
                .setHeader("X-RateLimit-Remaining", "0").setHeader("X-RateLimit-Reset", Long.toString(reset))
                .body("{\"message\":\"API rate limit exceeded\"}").build());

        assertThatThrownBy(() -> connector.fetch(instance, SourceCursor.NONE))
                .isInstanceOf(SourceRateLimitedException.class)
                .hasMessageContaining("rate limit used up").hasMessageContaining("a token (credentialRef) raises the limit")
                .satisfies(e -> assertThat(((SourceRateLimitedException) e).retryAt()).isEqualTo(Instant.ofEpochSecond(reset)));
        assertThatThrownBy(() -> connector.fetch(instance, SourceCursor.NONE)).isInstanceOf(SourceRateLimitedException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aMissingTokenSaysWhereToPutIt() {
        GitHubConnector connector = connector("github.other", 50);

        assertThatThrownBy(() -> connector.fetch(connector.instances().get(0), SourceCursor.NONE))
                .hasMessageContaining("VIGIE_CREDENTIAL_GITHUB_OTHER").hasMessageContaining("remove the credentialRef");
    }

    private static MockResponse recorded() throws IOException {
        return json(GitHubIssueParserTests.fixture("search-issues.body.json")).newBuilder()
                .setHeader("X-RateLimit-Limit", "30").setHeader("X-RateLimit-Remaining", "29")
                .setHeader("X-RateLimit-Reset", Long.toString(Instant.now().plusSeconds(60).getEpochSecond())).build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }
}
