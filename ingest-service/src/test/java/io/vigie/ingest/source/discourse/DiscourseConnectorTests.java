package io.vigie.ingest.source.discourse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.MentionIngested;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Discourse connector against a forum replaying the recorded latest posts, search and topic answers. */
class DiscourseConnectorTests {

    private static final Credentials CREDENTIALS = new Credentials(Map.of(
            "VIGIE_CREDENTIAL_FORUM_API_KEY", "d1sc0urse-key"), Path.of("/nonexistent"));

    private final MockWebServer server = new MockWebServer();
    private String forum;

    @BeforeEach
    void start() throws IOException {
        server.start();
        forum = server.url("/").toString().replaceAll("/$", "");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DiscourseConnector connector(Map<String, List<String>> settings, int maxTopics) {
        return connector(settings, maxTopics, null);
    }

    private DiscourseConnector connector(Map<String, List<String>> settings, int maxTopics, String credentialRef) {
        SourceHttpClient http = new SourceHttpClient(SourceHttpProperties.defaults(), Clock.systemUTC(), wait -> {
        }, new SourceQuotas(), new SimpleMeterRegistry());
        return new DiscourseConnector(type -> List.of(
                new SourceBinding("nuvelia", new WatchSource("discourse", settings, credentialRef)),
                new SourceBinding("other", new WatchSource("discourse", settings, credentialRef))),
                CREDENTIALS, http, new DiscourseProperties(Duration.ofMinutes(2), 5, maxTopics, 100_000), Clock.systemUTC());
    }

    @Test
    void aForumListedByTwoWatchesIsOneInstance() {
        DiscourseConnector connector = connector(Map.of("baseUrls", List.of(forum + "/", forum, "not a url")), 10);

        assertThat(connector.instances()).extracting(SourceInstance::id).containsExactly("discourse:" + forum);
    }

    @Test
    void latestPostsAreReadAndTheHighestPostIdIsTheCursor() throws Exception {
        DiscourseConnector connector = connector(Map.of("baseUrls", List.of(forum)), 10);
        SourceInstance instance = connector.instances().get(0);
        server.enqueue(json(DiscourseParserTests.fixture("discourse_api_posts_latest.json")));

        FetchResult first = connector.fetch(instance, SourceCursor.NONE);

        assertThat(first.mentions()).hasSize(4);
        assertThat(first.nextCursor().get(DiscourseConnector.LAST_POST_ID)).isEqualTo("15");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getTarget()).as("no paging through history on the first poll")
                .isEqualTo("/posts.json");
        assertThat(server.getRequestCount()).isEqualTo(1);

        server.enqueue(json(DiscourseParserTests.fixture("discourse_api_posts_latest.json")));
        FetchResult second = connector.fetch(instance, first.nextCursor());

        assertThat(second.mentions()).isEmpty();
        assertThat(second.nextCursor()).isEqualTo(first.nextCursor());
    }

    @Test
    void aPrivateForumIsReadWithItsApiKey() throws Exception {
        DiscourseConnector connector = connector(Map.of("baseUrls", List.of(forum)), 10, "forum");
        server.enqueue(json(DiscourseParserTests.fixture("discourse_api_posts_latest.json")));
        connector.fetch(connector.instances().get(0), SourceCursor.NONE);

        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getHeaders().get("Api-Key")).isEqualTo("d1sc0urse-key");
        assertThat(request.getHeaders().get("Api-Username")).isEqualTo("system");

        DiscourseConnector missing = connector(Map.of("baseUrls", List.of(forum)), 10, "other-forum");
        assertThatThrownBy(() -> missing.fetch(missing.instances().get(0), SourceCursor.NONE))
                .hasMessageContaining("VIGIE_CREDENTIAL_OTHER_FORUM_API_KEY");
    }

    @Test
    void anUnreadableCursorStartsAgainFromTheLatestPage() throws Exception {
        DiscourseConnector connector = connector(Map.of("baseUrls", List.of(forum)), 10);
        server.enqueue(json(DiscourseParserTests.fixture("discourse_api_posts_latest.json")));

        FetchResult result = connector.fetch(connector.instances().get(0),
                new SourceCursor(Map.of(DiscourseConnector.LAST_POST_ID, "not-a-number")));

        assertThat(result.mentions()).hasSize(4);
        assertThat(result.nextCursor().get(DiscourseConnector.LAST_POST_ID)).isEqualTo("15");
    }

    @Test
    void pagesBackUntilTheLastPostSeen() throws Exception {
        DiscourseConnector connector = connector(Map.of("baseUrls", List.of(forum)), 10);
        server.enqueue(json("""
                {"latest_posts":[
                  {"id":31,"username":"claire","cooked":"<p>Nuvelia m'a facturé deux fois</p>","post_number":3,
                   "topic_id":12,"topic_slug":"double-facture","topic_title":"Double facture","created_at":"2020-01-26T10:00:00Z"},
                  {"id":30,"username":"marc","cooked":"<p>Pareil ici</p>","post_number":2,
                   "topic_id":12,"topic_slug":"double-facture","topic_title":"Double facture","created_at":"2020-01-26T09:00:00Z"}]}"""));
        server.enqueue(json(DiscourseParserTests.fixture("discourse_api_posts_latest.json")));

        FetchResult result = connector.fetch(connector.instances().get(0),
                new SourceCursor(Map.of(DiscourseConnector.LAST_POST_ID, "10")));

        assertThat(result.mentions()).extracting(MentionIngested::url).containsExactly(
                forum + "/t/double-facture/12/3", forum + "/t/double-facture/12/2",
                forum + "/t/this-is-an-uncategorized-title/11/2", forum + "/t/this-is-an-uncategorized-title/11/1");
        assertThat(result.nextCursor().get(DiscourseConnector.LAST_POST_ID)).isEqualTo("31");
        server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getTarget()).isEqualTo("/posts.json?before=30");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void searchTermsReadThePostsOfTheTopicsFound() throws Exception {
        DiscourseConnector connector = connector(Map.of("baseUrls", List.of(forum), "search", List.of("nuvelia")), 1);
        SourceInstance instance = connector.instances().get(0);
        server.enqueue(json(DiscourseParserTests.fixture("discourse_api_search.json")));
        server.enqueue(json(DiscourseParserTests.fixture("discourse_api_topic.json")));

        FetchResult result = connector.fetch(instance, SourceCursor.NONE);

        assertThat(instance.id()).isEqualTo("discourse:" + forum + " search:nuvelia");
        assertThat(result.mentions()).hasSize(4);
        RecordedRequest search = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(search.getUrl().encodedPath()).isEqualTo("/search.json");
        assertThat(search.getUrl().queryParameter("q")).isEqualTo("nuvelia order:latest");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getTarget()).as("maxTopics = 1").isEqualTo("/t/1.json");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aPageThatIsNotDiscourseFailsTheFetchAndKeepsTheCursor() {
        DiscourseConnector connector = connector(Map.of("baseUrls", List.of(forum)), 10);
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html><html><body>Maintenance</body></html>").build());

        assertThatThrownBy(() -> connector.fetch(connector.instances().get(0), SourceCursor.NONE))
                .isInstanceOf(SourceFetchException.class)
                .hasMessageContaining(forum + " did not answer like a Discourse forum");
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }
}
