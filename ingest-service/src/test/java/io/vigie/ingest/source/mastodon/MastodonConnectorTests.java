package io.vigie.ingest.source.mastodon;

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
import io.vigie.ingest.watch.SourceBinding;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Mastodon connector against a server replaying the recorded Mastodon.py cassettes (bodies, Link, rate headers). */
class MastodonConnectorTests {

    /** The Link header recorded with the tag timeline (host and port rewritten to the replay server). */
    private static final String RECORDED_TAG_LINK = "<http://localhost:3000/api/v1/timelines/tag/hoot?max_id=117020593741189701>; "
            + "rel=\"next\", <http://localhost:3000/api/v1/timelines/tag/hoot?min_id=117020593741189701>; rel=\"prev\"";
    private static final String RECORDED_PUBLIC_LINK = "<http://localhost:3000/api/v1/timelines/public?max_id=117020574694606796>; "
            + "rel=\"next\", <http://localhost:3000/api/v1/timelines/public?min_id=117020593134559451>; rel=\"prev\"";

    private final MockWebServer server = new MockWebServer();
    private final List<Duration> waits = new ArrayList<>();
    private List<SourceBinding> bindings;
    private MastodonConnector connector;
    private String serverUrl;

    @BeforeEach
    void start() throws IOException {
        server.start();
        serverUrl = server.url("/").toString();
        bindings = List.of(
                new SourceBinding("hoot", new WatchSource("mastodon",
                        Map.of("servers", List.of(serverUrl), "tags", List.of("#hoot")), null)),
                new SourceBinding("hoot-too", new WatchSource("mastodon",
                        Map.of("servers", List.of(serverUrl), "tags", List.of("hoot"), "search", List.of("television")),
                        "masto")));
        connector = connector(40);
    }

    private MastodonConnector connector(int pageSize) {
        SourceHttpClient http = new SourceHttpClient(SourceHttpProperties.defaults(), Clock.systemUTC(), waits::add,
                new SourceQuotas(), new SimpleMeterRegistry());
        Credentials credentials = new Credentials(Map.of("VIGIE_CREDENTIAL_MASTO", "app-token"), Path.of("/nonexistent"));
        return new MastodonConnector(type -> bindings, http, credentials,
                new MastodonProperties(Duration.ofMinutes(2), pageSize, 3, 1_000_000), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void oneInstancePerServerAndTagOrSearch() {
        String server = serverUrl.replaceAll("/+$", "");
        assertThat(connector.instances()).extracting(SourceInstance::target)
                .containsExactly(server + " #hoot", server + " search:television");
    }

    @Test
    void aTagSharedByWatchesIsPolledAtTheShortestIntervalTheyAsk() {
        bindings = List.of(
                new SourceBinding("hoot", new WatchSource("mastodon",
                        Map.of("servers", List.of(serverUrl), "tags", List.of("hoot")), null), Duration.ofMinutes(10)),
                new SourceBinding("hoot-too", new WatchSource("mastodon",
                        Map.of("servers", List.of(serverUrl), "tags", List.of("#hoot")), null), Duration.ofMinutes(1)),
                new SourceBinding("tv", new WatchSource("mastodon",
                        Map.of("servers", List.of(serverUrl), "search", List.of("television")), null)));

        assertThat(connector.instances()).extracting(SourceInstance::pollInterval)
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2));
    }

    @Test
    void theTagTimelineCursorComesFromItsLinkHeaderAndTheNextPollAsksOnlyForNewer() throws Exception {
        server.enqueue(json(MastodonStatusesTests.fixture(MastodonStatusesTests.TAG_TIMELINE)).setHeader("Link", RECORDED_TAG_LINK)
                .setHeader("x-ratelimit-limit", "300").setHeader("x-ratelimit-remaining", "299")
                .setHeader("x-ratelimit-reset", "2026-08-01T14:00:00.070144Z").build());
        server.enqueue(json("[]").build());
        SourceInstance hoot = connector.instances().get(0);

        FetchResult first = connector.fetch(hoot, SourceCursor.NONE);
        FetchResult second = connector.fetch(hoot, first.nextCursor());

        RecordedRequest firstRequest = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(firstRequest.getUrl().encodedPath()).isEqualTo("/api/v1/timelines/tag/hoot");
        assertThat(firstRequest.getUrl().queryParameter("min_id")).isNull();
        assertThat(firstRequest.getHeaders().get("Authorization")).as("the second watch's token").isEqualTo("Bearer app-token");
        assertThat(first.mentions()).hasSize(1);
        assertThat(first.nextCursor().values()).isEqualTo(Map.of("min-id", "117020593741189701"));
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("min_id")).isEqualTo("117020593741189701");
        assertThat(second.mentions()).isEmpty();
        assertThat(second.nextCursor()).isEqualTo(first.nextCursor());
    }

    @Test
    void aFullPageAfterTheCursorIsFollowedByTheNewerOnes() throws Exception {
        connector = connector(8);
        server.enqueue(json(MastodonStatusesTests.fixture(MastodonStatusesTests.PUBLIC_TIMELINE))
                .setHeader("Link", RECORDED_PUBLIC_LINK).build());
        server.enqueue(json("[]").build());

        FetchResult result = connector.fetch(connector.instances().get(0),
                new SourceCursor(Map.of("min-id", "117020574694606700")));

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("min_id")).isEqualTo("117020574694606700");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("min_id")).isEqualTo("117020593134559451");
        assertThat(result.mentions()).hasSize(8);
        assertThat(result.nextCursor().values()).isEqualTo(Map.of("min-id", "117020593134559451"));
    }

    @Test
    void aSearchSendsTheTokenAndKeepsTheNewestStatusId() throws Exception {
        server.enqueue(json("{\"accounts\": [], \"statuses\": "
                + MastodonStatusesTests.fixture(MastodonStatusesTests.PUBLIC_TIMELINE) + ", \"hashtags\": []}").build());

        FetchResult result = connector.fetch(connector.instances().get(1), SourceCursor.NONE);

        RecordedRequest search = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(search.getUrl().encodedPath()).isEqualTo("/api/v2/search");
        assertThat(search.getUrl().queryParameter("q")).isEqualTo("television");
        assertThat(search.getUrl().queryParameter("type")).isEqualTo("statuses");
        assertThat(search.getHeaders().get("Authorization")).isEqualTo("Bearer app-token");
        assertThat(result.mentions()).hasSize(8);
        assertThat(result.nextCursor().values()).isEqualTo(Map.of("min-id", "117020593134559451"));
    }

    @Test
    void aTagTimelineNeedsNoToken() throws Exception {
        bindings = List.of(bindings.get(0));
        server.enqueue(json("[]").build());

        connector.fetch(connector.instances().get(0), SourceCursor.NONE);

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization")).isNull();
    }

    @Test
    void a429IsWaitedForUntilTheAnnouncedResetThenRead() throws Exception {
        Instant reset = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MICROS);
        server.enqueue(new MockResponse.Builder().code(429).setHeader("x-ratelimit-limit", "300")
                .setHeader("x-ratelimit-remaining", "0").setHeader("x-ratelimit-reset", reset.toString()).build());
        server.enqueue(json(MastodonStatusesTests.fixture(MastodonStatusesTests.TAG_TIMELINE)).build());

        FetchResult result = connector.fetch(connector.instances().get(0), SourceCursor.NONE);

        assertThat(result.mentions()).hasSize(1);
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5)));
    }

    @Test
    void aMalformedPageFailsTheFetch() {
        server.enqueue(json("[{\"id\": \"1170205937411897").build());

        assertThatThrownBy(() -> connector.fetch(connector.instances().get(0), SourceCursor.NONE))
                .isInstanceOf(SourceFetchException.class).hasMessageContaining("is not a Mastodon list of statuses (not JSON");
    }

    private static MockResponse.Builder json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8").body(body);
    }
}
