package io.vigie.ingest.source.rss;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.ingest.config.IngestProperties;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.RecentIds;
import io.vigie.ingest.publish.RecordingSink;
import io.vigie.ingest.source.SourceCursors;
import io.vigie.ingest.source.SourceHealth;
import io.vigie.ingest.source.SourceHealthRegistry;
import io.vigie.ingest.source.SourcePoller;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceHttpProperties;
import io.vigie.ingest.source.http.SourceQuotas;
import io.vigie.ingest.watch.Watch;
import io.vigie.ingest.watch.WatchMatcher;
import io.vigie.ingest.watch.WatchRepository;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The RSS connector and the poller against a feed server replaying the recorded Google Alerts feed. */
class RssPollingTests {

    private static final int ENTRIES_MATCHING_SLACK = 20;

    private final MockWebServer server = new MockWebServer();
    private final RecordingSink sink = new RecordingSink();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SourceHealthRegistry health = new SourceHealthRegistry(meters);
    private RssConnector connector;
    private SourcePoller poller;
    private String feedUrl;

    @BeforeEach
    void startFeedServer() throws IOException {
        server.start();
        feedUrl = server.url("/alerts/feeds/slack").toString();
        WatchRepository watches = new WatchRepository(List.of(
                new Watch("slack", "Slack", List.of("slack"), List.of(feedUrl), List.of())));
        IngestProperties properties = new IngestProperties(List.of(), new IngestProperties.Rss(Duration.ofMinutes(5),
                1_000_000, "vigie-test"),
                null, null, null);
        SourceHttpProperties http = new SourceHttpProperties(Duration.ofSeconds(2), Duration.ofSeconds(5),
                DataSize.ofMegabytes(1), "vigie-test", 1, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofMinutes(1), 5, 50, 4, Duration.ofMinutes(5));
        connector = new RssConnector(watches, properties,
                new SourceHttpClient(http, Clock.systemUTC(), wait -> { }, new SourceQuotas(), meters), Clock.systemUTC());
        MentionPipeline pipeline = new MentionPipeline(new WatchMatcher(watches), new RecentIds(1_000), sink, meters);
        poller = new SourcePoller(List.of(connector), pipeline, new SourceCursors(), health, Clock.systemUTC());
    }

    @AfterEach
    void stopFeedServer() {
        server.close();
    }

    @Test
    void anUnchangedFeedIsAskedWithItsEtagAndNotPublishedAgain() throws Exception {
        server.enqueue(feed().setHeader("ETag", "\"v1\"").setHeader("Last-Modified", "Wed, 10 Jul 2019 11:53:37 GMT").build());
        server.enqueue(new MockResponse.Builder().code(304).build());

        poller.pollOnce(connector);
        poller.pollOnce(connector);

        RecordedRequest first = server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest second = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(first.getHeaders().get("If-None-Match")).isNull();
        assertThat(second.getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(second.getHeaders().get("If-Modified-Since")).isEqualTo("Wed, 10 Jul 2019 11:53:37 GMT");
        assertThat(sink.sent()).hasSize(ENTRIES_MATCHING_SLACK);
        SourceHealth feedHealth = health.get("rss:" + feedUrl);
        assertThat(feedHealth.lastOutcome()).isEqualTo(SourceHealth.NOT_MODIFIED);
        assertThat(feedHealth.polls()).isEqualTo(2);
        assertThat(feedHealth.published()).isEqualTo(ENTRIES_MATCHING_SLACK);
    }

    @Test
    void aFeedServedTwiceInFullIsPublishedOnce() {
        server.enqueue(feed().build());
        server.enqueue(feed().build());

        poller.pollOnce(connector);
        poller.pollOnce(connector);

        assertThat(sink.sent()).hasSize(ENTRIES_MATCHING_SLACK);
        assertThat(health.get("rss:" + feedUrl).duplicates()).isEqualTo(ENTRIES_MATCHING_SLACK);
    }

    @Test
    void aServerErrorIsCountedAndTheNextCycleWorks() {
        server.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        server.enqueue(feed().build());

        poller.pollOnce(connector);
        SourceHealth afterError = health.get("rss:" + feedUrl);
        poller.pollOnce(connector);
        SourceHealth afterRecovery = health.get("rss:" + feedUrl);

        assertThat(afterError.lastOutcome()).isEqualTo(SourceHealth.ERROR);
        assertThat(afterError.lastError()).contains("HTTP 500 from " + feedUrl);
        assertThat(afterError.errors()).isEqualTo(1);
        assertThat(afterRecovery.lastOutcome()).isEqualTo(SourceHealth.OK);
        assertThat(afterRecovery.lastError()).isNull();
        assertThat(afterRecovery.errors()).isEqualTo(1);
        assertThat(sink.sent()).hasSize(ENTRIES_MATCHING_SLACK);
    }

    @Test
    void malformedXmlIsReportedAndPublishesNothing() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/atom+xml")
                .body("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>cut short").build());

        poller.pollOnce(connector);

        assertThat(sink.sent()).isEmpty();
        SourceHealth feedHealth = health.get("rss:" + feedUrl);
        assertThat(feedHealth.lastOutcome()).isEqualTo(SourceHealth.ERROR);
        assertThat(feedHealth.lastError()).contains(feedUrl + " is not a readable RSS or Atom feed");
    }

    @Test
    void aWebPageInsteadOfAFeedSaysSo() {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<!DOCTYPE html><html><body>Sign in</body></html>").build());

        poller.pollOnce(connector);

        assertThat(health.get("rss:" + feedUrl).lastError()).contains("not at a web page");
    }

    @Test
    void theEtagIsOnlyKeptOnceKafkaAcknowledgedEverything() throws Exception {
        sink.refuseNext(1);
        server.enqueue(feed().setHeader("ETag", "\"v1\"").build());
        server.enqueue(feed().setHeader("ETag", "\"v1\"").build());

        poller.pollOnce(connector);
        poller.pollOnce(connector);

        server.takeRequest(1, TimeUnit.SECONDS);
        RecordedRequest retry = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(retry.getHeaders().get("If-None-Match")).as("not acknowledged: fetch the feed in full again").isNull();
        assertThat(sink.sent()).hasSize(ENTRIES_MATCHING_SLACK);
    }

    @Test
    void aFeedLargerThanTheLimitIsRefused() {
        server.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(new byte[2 * 1024 * 1024])).build());

        poller.pollOnce(connector);

        assertThat(health.get("rss:" + feedUrl).lastError()).contains("answered more than 1MB (vigie.ingest.http.max-body-size)");
        assertThat(sink.sent()).isEmpty();
    }

    private static MockResponse.Builder feed() {
        try {
            return new MockResponse.Builder().code(200)
                    .setHeader("Content-Type", "application/atom+xml; charset=utf-8")
                    .body(new Buffer().write(RssFeedParserTests.fixture("feedjira_google_alerts_atom.xml")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
