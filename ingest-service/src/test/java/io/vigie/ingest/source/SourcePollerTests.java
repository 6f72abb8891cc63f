package io.vigie.ingest.source;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.SourcePolled;
import io.vigie.ingest.cursor.PollingProperties;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.RecentIds;
import io.vigie.ingest.publish.RecordingSink;
import io.vigie.ingest.source.http.MutableClock;
import io.vigie.ingest.source.http.SourceCircuitOpenException;
import io.vigie.ingest.source.http.SourceRateLimitedException;
import io.vigie.ingest.watch.Watch;
import io.vigie.ingest.watch.WatchMatcher;
import io.vigie.ingest.watch.WatchRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Scheduling, isolation between instances and what each poll announces. */
class SourcePollerTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SourceHealthRegistry health = new SourceHealthRegistry(meters);
    private final RecordingSink sink = new RecordingSink();
    private final WatchRepository watches = new WatchRepository(List.of(
            new Watch("acme", "ACME", List.of("acme"), List.of(), List.of())));
    private final MentionPipeline pipeline = new MentionPipeline(new WatchMatcher(watches), new RecentIds(1_000), sink, meters);
    private final List<SourcePolled> events = new CopyOnWriteArrayList<>();
    private SourcePoller poller;

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.stop();
        }
    }

    @Test
    void aHangingSourceDoesNotDelayTheOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger quickPolls = new AtomicInteger();
        FakeConnector connector = new FakeConnector(Duration.ofMillis(50), List.of("slow", "quick"), (instance, cursor) -> {
            if (instance.target().equals("slow")) {
                release.await();
            } else {
                quickPolls.incrementAndGet();
            }
            return new FetchResult(List.of(), cursor, false, Map.of());
        });
        poller = new SourcePoller(List.of(connector), pipeline, new SourceCursors(), health, events::add,
                new PollingProperties(2, Duration.ofMillis(20), false, "unused"), Clock.systemUTC());

        poller.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> quickPolls.get() >= 5);
        assertThat(connector.calls("slow")).as("never polled twice at once").isEqualTo(1);
        release.countDown();
    }

    @Test
    void aRateLimitedSourceIsNotPolledBeforeTheTimeItGave() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        Instant retryAt = clock.instant().plus(Duration.ofHours(1));
        FakeConnector connector = new FakeConnector(Duration.ZERO, List.of("throttled", "fine"), (instance, cursor) -> {
            if (instance.target().equals("throttled")) {
                throw new SourceRateLimitedException("quota used up", retryAt);
            }
            return new FetchResult(List.of(), cursor, false, Map.of());
        });
        poller = new SourcePoller(List.of(connector), pipeline, new SourceCursors(), health, events::add,
                new PollingProperties(2, Duration.ofMillis(10), false, "unused"), clock);

        poller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.calls("fine") >= 10);
        assertThat(connector.calls("throttled")).isEqualTo(1);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.calls("throttled") >= 2);
    }

    @Test
    void everyPollIsAnnouncedWithItsOutcome() {
        Instant published = Instant.parse("2026-03-01T08:00:00Z");
        AtomicInteger call = new AtomicInteger();
        FakeConnector connector = new FakeConnector(Duration.ofMinutes(5), List.of("feed"), (instance, cursor) ->
                switch (call.incrementAndGet()) {
                    case 1 -> new FetchResult(List.of(mention("a", published), mention("b", published.plusSeconds(60))),
                            new SourceCursor(Map.of("since", "b")), false, Map.of());
                    case 2 -> throw new SourceRateLimitedException("slow down", published);
                    case 3 -> throw new SourceCircuitOpenException("breaker open");
                    case 4 -> throw new SourceFetchException("HTTP 500 from x");
                    default -> throw new IllegalStateException("bug");
                });
        SourceCursors cursors = new SourceCursors();
        poller = new SourcePoller(List.of(connector), pipeline, cursors, health, events::add,
                PollingProperties.defaults(), Clock.systemUTC());

        for (int i = 0; i < 5; i++) {
            poller.pollOnce(connector);
        }

        assertThat(events).extracting(SourcePolled::outcome)
                .containsExactly("ok", "rate-limited", "circuit-open", "error", "error");
        SourcePolled first = events.get(0);
        assertThat(first.sourceInstance()).isEqualTo("fake:feed");
        assertThat(first.sourceType()).isEqualTo("fake");
        assertThat(first.items()).isEqualTo(2);
        assertThat(first.published()).isEqualTo(2);
        assertThat(first.newestItemAt()).isEqualTo(published.plusSeconds(60));
        assertThat(first.error()).isNull();
        assertThat(events.get(3).error()).isEqualTo("HTTP 500 from x");
        assertThat(events.get(4).error()).contains("unexpected error");
        assertThat(cursors.get(SourceInstance.of("fake", "feed")).get("since")).isEqualTo("b");
        SourceHealth feed = health.get("fake:feed");
        assertThat(feed.rateLimited()).isEqualTo(1);
        assertThat(feed.consecutiveErrors()).isEqualTo(4);
        assertThat(feed.lastOutcome()).isEqualTo(SourceHealth.ERROR);
        assertThat(feed.newestItemAt()).isEqualTo(published.plusSeconds(60));
        assertThat(meters.get("vigie.source.polls").tags("source", "fake:feed", "outcome", "rate-limited").counter().count())
                .isEqualTo(1);
    }

    @Test
    void instancesOwnedByAnotherProcessAreNotPolled() {
        FakeConnector connector = new FakeConnector(Duration.ofMinutes(5), List.of("mine", "theirs"),
                (instance, cursor) -> new FetchResult(List.of(), cursor, false, Map.of()));
        SourceCursors onlyMine = new SourceCursors() {
            @Override
            public boolean owns(SourceInstance instance) {
                return instance.target().equals("mine");
            }
        };
        poller = new SourcePoller(List.of(connector), pipeline, onlyMine, health, events::add,
                PollingProperties.defaults(), Clock.systemUTC());

        poller.pollOnce(connector);

        assertThat(connector.calls("mine")).isEqualTo(1);
        assertThat(connector.calls("theirs")).isZero();
    }

    private static MentionIngested mention(String id, Instant publishedAt) {
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, "fake:" + id, List.of(),
                new io.vigie.contracts.MentionSource("fake", "Fake"), "https://example.org/" + id,
                null, null, "ACME is fine", "fr", publishedAt, publishedAt, null, null, null);
    }

    @FunctionalInterface
    interface Fetch {
        FetchResult fetch(SourceInstance instance, SourceCursor cursor) throws Exception;
    }

    static final class FakeConnector implements Connector {

        private final Duration interval;
        private final List<String> targets;
        private final Fetch fetch;
        private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

        FakeConnector(Duration interval, List<String> targets, Fetch fetch) {
            this.interval = interval;
            this.targets = targets;
            this.fetch = fetch;
        }

        int calls(String target) {
            return calls.getOrDefault(target, new AtomicInteger()).get();
        }

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public Duration pollInterval() {
            return interval;
        }

        @Override
        public List<SourceInstance> instances() {
            return targets.stream().map(target -> SourceInstance.of("fake", target)).toList();
        }

        @Override
        public FetchResult fetch(SourceInstance instance, SourceCursor cursor) throws SourceFetchException {
            calls.computeIfAbsent(instance.target(), t -> new AtomicInteger()).incrementAndGet();
            try {
                return fetch.fetch(instance, cursor);
            } catch (SourceFetchException | RuntimeException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFetchException("interrupted", e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
