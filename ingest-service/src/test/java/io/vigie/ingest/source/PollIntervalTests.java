package io.vigie.ingest.source;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.WatchDefinition;
import io.vigie.contracts.WatchSource;
import io.vigie.ingest.config.IngestProperties;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.RecentIds;
import io.vigie.ingest.publish.RecordingSink;
import io.vigie.ingest.source.http.MutableClock;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceHttpProperties;
import io.vigie.ingest.source.http.SourceQuotas;
import io.vigie.ingest.source.rss.RssConnector;
import io.vigie.ingest.watch.InMemoryWatchChanges;
import io.vigie.ingest.watch.WatchMatcher;
import io.vigie.ingest.watch.WatchRepository;
import io.vigie.ingest.watch.WatchService;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poll interval a watch sets, from the watch API to the requests a feed server receives, on a clock the test
 * moves: the real RSS connector and poller, the feed answering 304 (or 429 when told to).
 */
class PollIntervalTests {

    private static final Duration RSS_DEFAULT = Duration.ofMinutes(5);

    private final MockWebServer server = new MockWebServer();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, Integer> retryAfterSeconds = new ConcurrentHashMap<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SourceHealthRegistry health = new SourceHealthRegistry(meters);
    private final WatchRepository repository = new WatchRepository();
    private final WatchService watches = new WatchService(repository, new InMemoryWatchChanges(repository), clock);
    private RssConnector connector;
    private MentionPipeline pipeline;

    @BeforeEach
    void startFeedServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                Integer retryAfter = retryAfterSeconds.get(path);
                return retryAfter == null ? new MockResponse.Builder().code(304).build()
                        : new MockResponse.Builder().code(429).setHeader("Retry-After", String.valueOf(retryAfter)).build();
            }
        });
        server.start();
        IngestProperties properties = new IngestProperties(List.of(), new IngestProperties.Rss(RSS_DEFAULT,
                1_000_000, "vigie-test"), null, null, null);
        SourceHttpProperties http = new SourceHttpProperties(Duration.ofSeconds(2), Duration.ofSeconds(5),
                DataSize.ofMegabytes(1), "vigie-test", 1, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofMinutes(1), 5, 50, 100, Duration.ofMinutes(5));
        connector = new RssConnector(repository, properties,
                new SourceHttpClient(http, clock, wait -> { }, new SourceQuotas(), meters), clock);
        pipeline = new MentionPipeline(new WatchMatcher(repository), new RecentIds(1_000), new RecordingSink(), meters);
    }

    @AfterEach
    void stopFeedServer() {
        server.close();
    }

    @Test
    void aFeedSharedByWatchesAskingOneAndTenMinutesIsPolledEveryMinute() {
        watch("every-minute", "/feed", Duration.ofMinutes(1));
        watch("every-ten-minutes", "/feed", Duration.ofMinutes(10));
        SourcePoller poller = poller(new SourceCursors());

        poller.pollDue();
        assertThat(requests("/feed")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(59));
        poller.pollDue();
        assertThat(requests("/feed")).as("not before a minute").isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        poller.pollDue();
        assertThat(requests("/feed")).isEqualTo(2);
        for (int minute = 0; minute < 8; minute++) {
            clock.advance(Duration.ofMinutes(1));
            poller.pollDue();
        }

        assertThat(requests("/feed")).isEqualTo(10);
        assertThat(health.get(feed("/feed")).pollInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aChangedIntervalAppliesAtTheNextTickWithoutRestart() {
        watch("acme", "/feed", Duration.ofMinutes(10));
        SourcePoller poller = poller(new SourceCursors());
        poller.pollDue();
        clock.advance(Duration.ofMinutes(2));
        poller.pollDue();
        assertThat(requests("/feed")).isEqualTo(1);

        watches.update("acme", definition("acme", "/feed", Duration.ofMinutes(1)), "alice");
        poller.pollDue();

        assertThat(requests("/feed")).as("two minutes since the last poll, one asked").isEqualTo(2);
        assertThat(health.get(feed("/feed")).pollInterval()).isEqualTo(Duration.ofMinutes(1));

        watches.update("acme", definition("acme", "/feed", Duration.ofMinutes(30)), "alice");
        clock.advance(Duration.ofMinutes(10));
        poller.pollDue();
        assertThat(requests("/feed")).as("slowed down to 30 minutes").isEqualTo(2);
        assertThat(health.get(feed("/feed")).pollInterval()).isEqualTo(Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(20));
        poller.pollDue();
        assertThat(requests("/feed")).isEqualTo(3);
    }

    @Test
    void aWatchWithoutIntervalGetsTheConnectorDefault() {
        watch("no-interval", "/default", null);
        watch("slow", "/slow-and-default", Duration.ofMinutes(20));
        watch("no-interval-either", "/slow-and-default", null);
        watch("slow-only", "/slow", Duration.ofMinutes(20));
        SourcePoller poller = poller(new SourceCursors());

        poller.pollDue();
        clock.advance(RSS_DEFAULT.minusSeconds(1));
        poller.pollDue();
        clock.advance(Duration.ofSeconds(1));
        poller.pollDue();

        assertThat(requests("/default")).isEqualTo(2);
        assertThat(requests("/slow-and-default")).as("the watch without interval still gets the default")
                .isEqualTo(2);
        assertThat(requests("/slow")).isEqualTo(1);
        assertThat(health.get(feed("/default")).pollInterval()).isEqualTo(RSS_DEFAULT);
        assertThat(health.get(feed("/slow")).pollInterval()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void aSourceThatAskedToWaitIsNotCalledBeforeEvenIfAWatchWantsItEveryMinute() {
        watch("eager", "/throttled", Duration.ofMinutes(1));
        retryAfterSeconds.put("/throttled", 600);
        SourcePoller poller = poller(new SourceCursors());

        poller.pollDue();
        for (int minute = 0; minute < 9; minute++) {
            clock.advance(Duration.ofMinutes(1));
            poller.pollDue();
        }
        assertThat(requests("/throttled")).isEqualTo(1);
        assertThat(health.get(feed("/throttled")).lastOutcome()).isEqualTo(SourceHealth.RATE_LIMITED);

        clock.advance(Duration.ofMinutes(1));
        poller.pollDue();
        assertThat(requests("/throttled")).isEqualTo(2);
    }

    @Test
    void replicasSharingTheSourcesEachPollTheirsAtTheWatchesInterval() {
        watch("acme", "/one", Duration.ofMinutes(1));
        watch("acme-too", "/two", Duration.ofMinutes(1));
        SourcePoller first = poller(owning("/one"));
        SourcePoller second = poller(owning("/two"));

        for (int minute = 0; minute < 3; minute++) {
            first.pollDue();
            second.pollDue();
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(requests("/one")).isEqualTo(3);
        assertThat(requests("/two")).isEqualTo(3);
    }

    private SourcePoller poller(SourceCursors cursors) {
        return new SourcePoller(List.of(connector), pipeline, cursors, health, clock);
    }

    /** The instances a replica got from the consumer group: here, by feed path. */
    private SourceCursors owning(String path) {
        return new SourceCursors() {
            @Override
            public boolean owns(SourceInstance instance) {
                return instance.target().endsWith(path);
            }
        };
    }

    private void watch(String id, String path, Duration pollInterval) {
        watches.create(definition(id, path, pollInterval), "test");
    }

    private WatchDefinition definition(String id, String path, Duration pollInterval) {
        return new WatchDefinition(id, id, "acme", List.of(), null, false, pollInterval,
                List.of(new WatchSource("rss", Map.of("feeds", List.of(server.url(path).toString())), null)));
    }

    private String feed(String path) {
        return "rss:" + server.url(path);
    }

    private int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }
}
