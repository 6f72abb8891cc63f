package io.vigie.ingest.source.youtube;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.WatchSource;
import io.vigie.ingest.credential.Credentials;
import io.vigie.ingest.source.FetchResult;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceHttpProperties;
import io.vigie.ingest.source.http.SourceQuota;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The YouTube connector against a server replaying recorded search and commentThreads answers; quota bookkeeping. */
class YouTubeConnectorTests {

    private static final Credentials CREDENTIALS = new Credentials(Map.of("VIGIE_CREDENTIAL_YOUTUBE_KEY", "AIza-secret"),
            Path.of("/nonexistent"));
    /** 2019-12-06 02:00 in California: the quota day ends in 22 hours. */
    private static final Instant START = Instant.parse("2019-12-06T10:00:00Z");
    private static final String EMPTY_SEARCH = "{\"kind\":\"youtube#searchListResponse\",\"items\":[]}";

    private final MockWebServer server = new MockWebServer();
    private final SettableClock clock = new SettableClock(START);
    private final SourceQuotas quotas = new SourceQuotas();

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private YouTubeConnector connector(long dailyQuota) {
        SourceHttpClient http = new SourceHttpClient(SourceHttpProperties.defaults(), clock, wait -> {
        }, quotas, new SimpleMeterRegistry());
        return new YouTubeConnector(type -> List.of(new SourceBinding("nuvelia",
                new WatchSource("youtube", Map.of("channels", List.of("UCo_q6aOlvPH7M-j_XGWVgXg")), "youtube.key"))),
                CREDENTIALS, http, quotas, new YouTubeProperties(URI.create(server.url("/youtube/v3").toString()),
                Duration.ofMinutes(15), dailyQuota, 25, 2, 100_000), clock);
    }

    @Test
    void searchesTheChannelThenReadsTheCommentsOfTheRecentVideos() throws Exception {
        YouTubeConnector connector = connector(10_000);
        SourceInstance instance = connector.instances().get(0);
        enqueueSearchAndComments();

        FetchResult first = connector.fetch(instance, SourceCursor.NONE);

        assertThat(first.mentions()).hasSize(25 + 4 + 1);
        assertThat(first.mentions()).extracting(MentionIngested::url)
                .contains("https://www.youtube.com/watch?v=gQ_1zX-F_No",
                        "https://www.youtube.com/watch?v=JE8xdDp5B8Q&lc=Ugw5zYU6n9pmIgAZWvN4AaABAg");
        assertThat(first.nextCursor().get(YouTubeConnector.PUBLISHED_AFTER)).isEqualTo("2019-12-06T08:25:39Z");
        assertThat(first.nextCursor().get(YouTubeConnector.VIDEOS)).isEqualTo("gQ_1zX-F_No,i2hewkFijuY");
        assertThat(first.nextCursor().get(YouTubeConnector.COMMENTS_AFTER)).isEqualTo("2019-12-01T03:36:55Z");
        RecordedRequest search = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(search.getUrl().encodedPath()).isEqualTo("/youtube/v3/search");
        assertThat(search.getUrl().queryParameter("channelId")).isEqualTo("UCo_q6aOlvPH7M-j_XGWVgXg");
        assertThat(search.getUrl().queryParameter("order")).isEqualTo("date");
        assertThat(search.getUrl().queryParameter("key")).as("the key stays out of URLs and logs").isNull();
        assertThat(search.getHeaders().get("X-Goog-Api-Key")).isEqualTo("AIza-secret");
        RecordedRequest comments = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(comments.getUrl().encodedPath()).isEqualTo("/youtube/v3/commentThreads");
        assertThat(comments.getUrl().queryParameter("videoId")).isEqualTo("gQ_1zX-F_No");
        SourceQuota quota = quotas.get(instance.id());
        assertThat(quota.unit()).isEqualTo("youtube-units");
        assertThat(quota.remaining()).isEqualTo(10_000 - 100 - 2);
        assertThat(quota.resetAt()).isEqualTo(Instant.parse("2019-12-07T08:00:00Z"));
    }

    @Test
    void aSearchSettingSearchesByKeywordsAndTheCredentialCanChange() throws Exception {
        String[] ref = {"youtube.key"};
        SourceHttpClient http = new SourceHttpClient(SourceHttpProperties.defaults(), clock, wait -> {
        }, quotas, new SimpleMeterRegistry());
        YouTubeConnector connector = new YouTubeConnector(type -> List.of(new SourceBinding("nuvelia",
                new WatchSource("youtube", Map.of("search", List.of("Nuvelia facture")), ref[0]))),
                CREDENTIALS, http, quotas, new YouTubeProperties(URI.create(server.url("/youtube/v3").toString()),
                Duration.ofMinutes(15), 10_000, 25, 0, 100_000), clock);
        server.enqueue(json(EMPTY_SEARCH));

        SourceInstance instance = connector.instances().get(0);
        connector.fetch(instance, SourceCursor.NONE);

        assertThat(instance.id()).isEqualTo("youtube:search:Nuvelia facture");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("q")).isEqualTo("Nuvelia facture");
        ref[0] = "youtube.gone";
        connector.instances();
        assertThatThrownBy(() -> connector.fetch(instance, SourceCursor.NONE))
                .hasMessageContaining("VIGIE_CREDENTIAL_YOUTUBE_GONE");
    }

    @Test
    void theNextPollAsksForNewerVideosAndKeepsOnlyNewComments() throws Exception {
        YouTubeConnector connector = connector(10_000);
        SourceInstance instance = connector.instances().get(0);
        enqueueSearchAndComments();
        FetchResult first = connector.fetch(instance, SourceCursor.NONE);
        server.enqueue(json(EMPTY_SEARCH));
        server.enqueue(json(YouTubeParserTests.fixture("pyyoutube_comment_threads_comment_threads_all_to_me.json")));
        server.enqueue(json(YouTubeParserTests.fixture("pyyoutube_comment_threads_comment_threads_with_search.json")));

        FetchResult second = connector.fetch(instance, first.nextCursor());

        assertThat(second.mentions()).as("the same comments again: nothing new").isEmpty();
        for (int i = 0; i < 3; i++) {
            server.takeRequest(1, TimeUnit.SECONDS);
        }
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().queryParameter("publishedAfter"))
                .isEqualTo("2019-12-06T08:25:39Z");
        assertThat(second.nextCursor().get(YouTubeConnector.VIDEOS)).as("still followed").isEqualTo("gQ_1zX-F_No,i2hewkFijuY");
    }

    @Test
    void stopsBeforeExceedingTheDailyQuotaAndResumesAfterMidnightPacific() throws Exception {
        YouTubeConnector connector = connector(150);
        SourceInstance instance = connector.instances().get(0);
        enqueueSearchAndComments();
        connector.fetch(instance, SourceCursor.NONE);

        assertThatThrownBy(() -> connector.fetch(instance, SourceCursor.NONE))
                .isInstanceOf(SourceRateLimitedException.class)
                .hasMessageContaining("102 of 150 units today")
                .hasMessageContaining("midnight Pacific time")
                .satisfies(e -> assertThat(((SourceRateLimitedException) e).retryAt())
                        .isEqualTo(Instant.parse("2019-12-07T08:00:00Z")));
        assertThat(server.getRequestCount()).as("no call once the budget cannot pay a search").isEqualTo(3);
        assertThat(quotas.get(instance.id()).remaining()).isEqualTo(48);

        clock.set(Instant.parse("2019-12-07T08:00:01Z"));
        server.enqueue(json(EMPTY_SEARCH));
        server.enqueue(json(YouTubeParserTests.fixture("pyyoutube_comment_threads_comment_threads_all_to_me.json")));
        server.enqueue(json(YouTubeParserTests.fixture("pyyoutube_comment_threads_comment_threads_with_search.json")));

        connector.fetch(instance, SourceCursor.NONE);
        assertThat(quotas.get(instance.id()).remaining()).isEqualTo(150 - 100);
    }

    @Test
    void aForbiddenSearchMeansGoogleCountsTheQuotaAsSpentUntilMidnightPacific() {
        YouTubeConnector connector = connector(10_000);
        SourceInstance instance = connector.instances().get(0);
        server.enqueue(new MockResponse.Builder().code(403).setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"code\":403,\"errors\":[{\"reason\":\"quotaExceeded\",\"domain\":\"youtube.quota\"}]}}")
                .build());

        assertThatThrownBy(() -> connector.fetch(instance, SourceCursor.NONE))
                .isInstanceOf(SourceRateLimitedException.class)
                .hasMessageContaining("Google counts today's quota as used up")
                .hasMessageNotContaining("AIza-secret");
        assertThatThrownBy(() -> connector.fetch(instance, SourceCursor.NONE))
                .isInstanceOf(SourceRateLimitedException.class).hasMessageContaining("no search until it renews");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(quotas.get(instance.id()).remaining()).isZero();
    }

    @Test
    void whenOnlyTheSearchFitsTheCommentsAreReadLaterFromTheSameWatermark() throws Exception {
        YouTubeConnector connector = connector(101);
        SourceInstance instance = connector.instances().get(0);
        server.enqueue(json(YouTubeParserTests.fixture("pyyoutube_search_search_by_keywords_p1.json")));
        server.enqueue(json(YouTubeParserTests.fixture("pyyoutube_comment_threads_comment_threads_all_to_me.json")));

        FetchResult result = connector.fetch(instance, new SourceCursor(Map.of(YouTubeConnector.COMMENTS_AFTER,
                "2019-01-01T00:00:00Z")));

        assertThat(result.mentions()).as("videos, one comment page").hasSize(25 + 4);
        assertThat(result.nextCursor().get(YouTubeConnector.COMMENTS_AFTER)).as("the second video's comments are not read yet")
                .isEqualTo("2019-01-01T00:00:00Z");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    private void enqueueSearchAndComments() throws IOException {
        server.enqueue(json(YouTubeParserTests.fixture("pyyoutube_search_search_by_keywords_p1.json")));
        server.enqueue(json(YouTubeParserTests.fixture("pyyoutube_comment_threads_comment_threads_all_to_me.json")));
        server.enqueue(json(YouTubeParserTests.fixture("pyyoutube_comment_threads_comment_threads_with_search.json")));
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=UTF-8").body(body).build();
    }

    private static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
