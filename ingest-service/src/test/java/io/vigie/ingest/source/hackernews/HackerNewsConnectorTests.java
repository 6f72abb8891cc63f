package io.vigie.ingest.source.hackernews;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.WatchSource;
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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Hacker News connector against a server replaying recorded Algolia answers. */
class HackerNewsConnectorTests {

    private final MockWebServer server = new MockWebServer();
    private final List<Duration> waits = new ArrayList<>();
    private List<SourceBinding> bindings;
    private HackerNewsConnector connector;

    @BeforeEach
    void start() throws IOException {
        server.start();
        bindings = List.of(
                new SourceBinding("ssh-watch", new WatchSource("hackernews", Map.of("search", List.of("ssh")), null)),
                new SourceBinding("other-ssh-watch", new WatchSource("hackernews", Map.of("search", List.of("ssh")), null)),
                new SourceBinding("nuvelia", new WatchSource("hackernews", Map.of(), null)));
        SourceHttpClient http = new SourceHttpClient(SourceHttpProperties.defaults(), Clock.systemUTC(), waits::add,
                new SourceQuotas(), new SimpleMeterRegistry());
        HackerNewsProperties settings = new HackerNewsProperties(URI.create(server.url("/").toString()),
                Duration.ofMinutes(5), 100, 3, 1_000_000);
        connector = new HackerNewsConnector(type -> bindings, http, settings, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void oneInstancePerDistinctSearchAndTheWatchIdWhenNoneIsGiven() {
        assertThat(connector.instances()).extracting(SourceInstance::id)
                .containsExactly("hackernews:ssh", "hackernews:nuvelia");
    }

    @Test
    void theFirstPollReadsTheNewestPageAndTheNextOneOnlyNewerItems() throws Exception {
        server.enqueue(json(HackerNewsHitsTests.fixture(HackerNewsHitsTests.STORIES)));
        server.enqueue(json(HackerNewsHitsTests.commentPage()));
        SourceInstance ssh = connector.instances().get(0);

        FetchResult first = connector.fetch(ssh, SourceCursor.NONE);
        FetchResult second = connector.fetch(ssh, first.nextCursor());

        RecordedRequest firstRequest = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(firstRequest.getUrl().encodedPath()).isEqualTo("/api/v1/search_by_date");
        assertThat(firstRequest.getUrl().queryParameter("query")).isEqualTo("ssh");
        assertThat(firstRequest.getUrl().queryParameter("tags")).isEqualTo("(story,comment)");
        assertThat(firstRequest.getUrl().queryParameter("numericFilters")).isNull();
        assertThat(first.mentions()).hasSize(4);
        assertThat(first.nextCursor().get(HackerNewsConnector.CREATED_AFTER)).isEqualTo("1486212445");

        RecordedRequest secondRequest = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(secondRequest.getUrl().queryParameter("numericFilters")).isEqualTo("created_at_i>1486212445");
        assertThat(second.mentions()).extracting(MentionIngested::id).containsExactly(MentionId.of("hackernews", "8829186"));
        assertThat(second.nextCursor().get(HackerNewsConnector.CREATED_AFTER))
                .as("an older item never moves the watermark back").isEqualTo("1486212445");
    }

    @Test
    void nothingNewKeepsTheWatermark() throws Exception {
        server.enqueue(json("{\"hits\":[],\"nbHits\":0,\"page\":0,\"nbPages\":0,\"hitsPerPage\":100}"));
        SourceCursor cursor = new SourceCursor(Map.of(HackerNewsConnector.CREATED_AFTER, "1486212445"));

        FetchResult result = connector.fetch(connector.instances().get(0), cursor);

        assertThat(result.mentions()).isEmpty();
        assertThat(result.nextCursor()).isEqualTo(cursor);
    }

    @Test
    void manyNewItemsArePagedThrough() throws Exception {
        String page = HackerNewsHitsTests.fixture(HackerNewsHitsTests.STORIES).replace("\"nbPages\": 1", "\"nbPages\": 2");
        server.enqueue(json(page));
        server.enqueue(json(HackerNewsHitsTests.commentPage()));

        FetchResult result = connector.fetch(connector.instances().get(0),
                new SourceCursor(Map.of(HackerNewsConnector.CREATED_AFTER, "1400000000")));

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("page")).isEqualTo("0");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("page")).isEqualTo("1");
        assertThat(result.mentions()).hasSize(5);
    }

    @Test
    void a429IsWaitedForAsItsRetryAfterSaysThenRead() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").build());
        server.enqueue(json(HackerNewsHitsTests.fixture(HackerNewsHitsTests.STORIES)));

        FetchResult result = connector.fetch(connector.instances().get(0), SourceCursor.NONE);

        assertThat(result.mentions()).hasSize(4);
        assertThat(waits).anySatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7)));
    }

    @Test
    void aMalformedPageFailsTheFetchWithoutMovingTheCursor() {
        server.enqueue(json("{\"hits\": [{\"objectID\": \"1\", \"created_at_i\": 14"));
        SourceCursor cursor = new SourceCursor(Map.of(HackerNewsConnector.CREATED_AFTER, "1486212445"));

        assertThatThrownBy(() -> connector.fetch(connector.instances().get(0), cursor))
                .isInstanceOf(SourceFetchException.class)
                .hasMessageContaining("is not an Algolia search answer (not JSON");
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8")
                .body(body).build();
    }
}
