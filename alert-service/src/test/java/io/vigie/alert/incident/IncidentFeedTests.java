package io.vigie.alert.incident;

import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class IncidentFeedTests {

    private static final int BUFFER = 8;
    private static final Incident INCIDENT = Incident.from(
            IncidentTests.event(AlertStatus.OPEN, Severity.HIGH, Instant.parse("2025-06-01T10:00:00Z")), Instant.now());

    private final IncidentFeed feed = new IncidentFeed(properties(Duration.ofMinutes(5)), JsonMapper.builder().build());

    @AfterEach
    void stop() {
        feed.stop();
    }

    @Test
    void aSlowClientIsDroppedWithoutDelayingThePublisherOrTheOtherClients() throws Exception {
        RecordingSink fast = new RecordingSink(null);
        CountDownLatch stuck = new CountDownLatch(1);
        RecordingSink slow = new RecordingSink(stuck);
        feed.subscribe(fast, null);
        feed.subscribe(slow, null);

        // The slow client blocks on its first event; publishing must still return at once every time.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int i = 1; i <= 3 * BUFFER; i++) {
                feed.publish(IncidentChange.UPDATED, INCIDENT);
                int sent = i;
                await().atMost(Duration.ofSeconds(5)).until(() -> fast.events.size() == sent);
            }
        });

        assertThat(fast.events).extracting(IncidentFeed.FeedEvent::sequence)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 3 * BUFFER).boxed().toList());
        assertThat(fast.closed).isFalse();
        assertThat(feed.clients()).as("the slow client was dropped").isEqualTo(1);

        stuck.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> slow.closed);
        assertThat(slow.events).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aClientReconnectingWithItsLastEventIdGetsWhatItMissed() {
        RecordingSink first = new RecordingSink(null);
        IncidentFeed.Subscription subscription = feed.subscribe(first, null);
        feed.publish(IncidentChange.OPENED, INCIDENT);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.events.size() == 1);
        subscription.cancel();
        feed.publish(IncidentChange.ACKNOWLEDGED, INCIDENT);
        feed.publish(IncidentChange.RESOLVED, INCIDENT);

        RecordingSink again = new RecordingSink(null);
        feed.subscribe(again, first.events.get(0).id());

        await().atMost(Duration.ofSeconds(5)).until(() -> again.events.size() == 2);
        assertThat(again.events).extracting(IncidentFeed.FeedEvent::type).containsExactly("acknowledged", "resolved");
        assertThat(again.events.get(0).data()).contains("\"type\":\"acknowledged\"").contains("\"id\":\"" + INCIDENT.id());
    }

    @Test
    void anUnknownLastEventIdAsksTheClientToReload() {
        feed.publish(IncidentChange.OPENED, INCIDENT);
        RecordingSink client = new RecordingSink(null);
        feed.subscribe(client, "another-run-42");

        await().atMost(Duration.ofSeconds(5)).until(() -> client.events.size() == 1);
        assertThat(client.events.get(0).type()).isEqualTo(IncidentFeed.RESYNC);
    }

    @Test
    void anIdleClientGetsHeartbeats() {
        IncidentFeed quick = new IncidentFeed(properties(Duration.ofMillis(50)), JsonMapper.builder().build());
        try {
            RecordingSink client = new RecordingSink(null);
            quick.subscribe(client, null);
            await().atMost(Duration.ofSeconds(5)).until(() -> client.heartbeats.get() >= 2);
        } finally {
            quick.stop();
        }
    }

    @Test
    void aClientThatWentAwayIsForgotten() {
        RecordingSink gone = new RecordingSink(null);
        gone.failing = true;
        feed.subscribe(gone, null);
        feed.publish(IncidentChange.OPENED, INCIDENT);

        await().atMost(Duration.ofSeconds(5)).until(() -> gone.closed && feed.clients() == 0);
    }

    private static IncidentProperties properties(Duration heartbeat) {
        return new IncidentProperties("alert-raised", "group", 500, 4000, 500,
                new IncidentProperties.Stream(heartbeat, Duration.ofMinutes(30), BUFFER, 64, 10,
                        IncidentProperties.FanOut.LOCAL, "incident-changed"),
                new IncidentProperties.Explain(true, Duration.ofDays(14), 500, 2000, 5, 10, Duration.ofSeconds(30), 3));
    }

    private static final class RecordingSink implements IncidentFeed.EventSink {

        final List<IncidentFeed.FeedEvent> events = new CopyOnWriteArrayList<>();
        final AtomicInteger heartbeats = new AtomicInteger();
        final CountDownLatch gate;
        volatile boolean closed;
        volatile boolean failing;

        RecordingSink(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void send(IncidentFeed.FeedEvent event) throws java.io.IOException {
            if (failing) {
                throw new java.io.IOException("Broken pipe");
            }
            if (gate != null) {
                try {
                    // A client that does not read: the write blocks (until the test lets go).
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            events.add(event);
        }

        @Override
        public void heartbeat() {
            heartbeats.incrementAndGet();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
