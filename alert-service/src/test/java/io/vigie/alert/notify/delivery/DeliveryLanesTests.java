package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.alert.notify.TestAlerts;
import io.vigie.alert.notify.channel.NotificationChannel;
import io.vigie.alert.notify.channel.ResilientChannel;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker's lanes, with the channel and the store in memory: concurrency across incidents, order within one. */
class DeliveryLanesTests {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<Delivery> saved = new CopyOnWriteArrayList<>();
    private final List<String> claimed = new CopyOnWriteArrayList<>();
    private final List<String> released = new CopyOnWriteArrayList<>();
    private volatile boolean receiverDown;
    /** Holds every write of the records until counted down: OpenSearch slow to answer. */
    private volatile CountDownLatch recordsHeld = new CountDownLatch(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private DeliveryWorker worker;
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        worker.stop();
        thread.interrupt();
        thread.join(5_000);
        recordsHeld.countDown();
        worker.awaitSenders(Duration.ofSeconds(5));
    }

    @Test
    void incidentsGoOutSideBySideWhileEachIncidentKeepsItsOrder() {
        start(4);
        List<StoredDelivery> handed = new ArrayList<>();
        long seq = 0;
        for (Severity severity : List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH)) {
            for (int incident = 0; incident < 6; incident++) {
                AlertRaised alert = TestAlerts.alert("w" + incident, "w" + incident + ":negative-surge:1", severity,
                        severity == Severity.LOW ? AlertStatus.OPEN : AlertStatus.ESCALATED);
                handed.add(new StoredDelivery(delivery(alert, ++seq), seq, 1));
            }
        }
        worker.handOver(handed);

        await().atMost(Duration.ofSeconds(10)).until(() -> saved.size() == 18);
        assertThat(sent).hasSize(18).doesNotHaveDuplicates();
        Map<String, List<String>> byIncident = sent.stream().collect(Collectors.groupingBy(
                key -> key.substring(0, key.indexOf(':')), Collectors.toList()));
        assertThat(byIncident).hasSize(6).allSatisfy((watch, keys) -> assertThat(keys).containsExactly(
                watch + ":negative-surge:1:open:low", watch + ":negative-surge:1:escalated:medium",
                watch + ":negative-surge:1:escalated:high"));
        assertThat(mostInFlight.get()).as("messages sent at the same time").isBetween(2, 4);
        assertThat(saved).allSatisfy(delivery -> assertThat(delivery.state()).isEqualTo(DeliveryState.SENT));
    }

    @Test
    void aDeliveryHandedOverTwiceIsSentOnce() {
        start(2);
        AlertRaised alert = TestAlerts.alert("w", "w:negative-surge:1", Severity.LOW, AlertStatus.OPEN);
        StoredDelivery stored = new StoredDelivery(delivery(alert, 1), 1, 1);
        worker.handOver(List.of(stored, stored));

        await().atMost(Duration.ofSeconds(10)).until(() -> saved.size() >= 1);
        await().during(Duration.ofMillis(500)).until(() -> sent.size() == 1);
    }

    @Test
    void aDeliveryCreatedTakenForTheWorkerIsSentWithoutTakingItAgain() {
        start(2);
        AlertRaised alert = TestAlerts.alert("w", "w:negative-surge:1", Severity.LOW, AlertStatus.OPEN);
        AlertRaised other = TestAlerts.alert("v", "v:negative-surge:1", Severity.LOW, AlertStatus.OPEN);
        worker.handOver(List.of(new StoredDelivery(takenAtCreation(delivery(alert, 1)), 1, 1),
                new StoredDelivery(delivery(other, 2), 2, 1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> saved.size() == 2);
        assertThat(sent).containsExactlyInAnyOrder("w:negative-surge:1:open:low", "v:negative-surge:1:open:low");
        assertThat(claimed).as("only the one created pending is taken").containsExactly(delivery(other, 2).id());
        assertThat(saved).allSatisfy(delivery -> assertThat(delivery.state()).isEqualTo(DeliveryState.SENT));
        assertThat(released).isEmpty();
    }

    @Test
    void deliveriesCreatedTakenThatTheWorkerWillNotSendBeforeAPauseAreGivenBack() {
        receiverDown = true;
        start(1);
        List<StoredDelivery> handed = new ArrayList<>();
        for (int incident = 0; incident < 3; incident++) {
            AlertRaised alert = TestAlerts.alert("w" + incident, "w" + incident + ":negative-surge:1", Severity.LOW,
                    AlertStatus.OPEN);
            handed.add(new StoredDelivery(takenAtCreation(delivery(alert, incident + 1)), incident + 1, 1));
        }
        worker.handOver(handed);

        // The first fails and the channel pauses (30 s): that one is recorded pending, the two others given back.
        await().atMost(Duration.ofSeconds(10)).until(() -> saved.size() == 1 && released.size() == 2);
        assertThat(sent).isEmpty();
        assertThat(claimed).isEmpty();
        assertThat(saved.get(0).state()).isEqualTo(DeliveryState.PENDING);
        assertThat(released).doesNotContain(saved.get(0).id()).hasSize(2).doesNotHaveDuplicates();
        assertThat(worker.takesHandOversNow()).as("paused: new deliveries are created pending").isFalse();

        // Handed over during the pause (created taken just before it began), then the service stops.
        AlertRaised late = TestAlerts.alert("w9", "w9:negative-surge:1", Severity.LOW, AlertStatus.OPEN);
        Delivery lateDelivery = takenAtCreation(delivery(late, 9));
        worker.handOver(List.of(new StoredDelivery(lateDelivery, 9, 1)));
        worker.stop();
        thread.interrupt();
        await().atMost(Duration.ofSeconds(10)).until(() -> released.contains(lateDelivery.id()));
        assertThat(sent).isEmpty();
    }

    @Test
    void aSenderGoesOnToTheNextMessageWithoutWaitingForTheRecordOfTheLast() throws Exception {
        recordsHeld = new CountDownLatch(1);
        start(1);
        List<StoredDelivery> handed = new ArrayList<>();
        long seq = 0;
        for (Severity severity : List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH)) {
            AlertRaised alert = TestAlerts.alert("w", "w:negative-surge:1", severity,
                    severity == Severity.LOW ? AlertStatus.OPEN : AlertStatus.ESCALATED);
            handed.add(new StoredDelivery(takenAtCreation(delivery(alert, ++seq)), seq, 1));
        }
        worker.handOver(handed);

        // One sender thread, records not written yet: all three go out all the same, in order.
        await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 3);
        assertThat(sent).containsExactly("w:negative-surge:1:open:low", "w:negative-surge:1:escalated:medium",
                "w:negative-surge:1:escalated:high");
        assertThat(saved).isEmpty();

        // A stop waits for the records of what was sent.
        worker.stop();
        recordsHeld.countDown();
        assertThat(worker.awaitSenders(Duration.ofSeconds(10))).isTrue();
        assertThat(saved).hasSize(3).allSatisfy(delivery -> assertThat(delivery.state())
                .isEqualTo(DeliveryState.SENT));
    }

    private static Delivery takenAtCreation(Delivery delivery) {
        return delivery.with(DeliveryState.SENDING, 0, null, delivery.createdAt(), null,
                delivery.createdAt().plus(Duration.ofMinutes(5)));
    }

    private void start(int concurrency) {
        NotifyProperties settings = new NotifyProperties(true, "alert-raised", "g", "i", URI.create("http://ui"),
                Map.of(), List.of(), LocalTime.of(8, 0), Duration.ofHours(24), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofSeconds(30),
                concurrency, 5, Duration.ofDays(30));
        NotificationChannel channel = new HookChannel(notification -> {
            if (receiverDown) {
                throw io.vigie.alert.notify.channel.DeliveryFailure.transientFailure("HTTP 503");
            }
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(notification.idempotencyKey());
            inFlight.decrementAndGet();
        });
        worker = new DeliveryWorker(new ResilientChannel(channel, 1, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofSeconds(1)), new InMemoryDeliveries(settings), settings, Clock.systemUTC());
        thread = new Thread(worker, "test-dispatcher");
        thread.start();
    }

    private static Delivery delivery(AlertRaised alert, long seq) {
        Instant now = Instant.now();
        return new Delivery(Delivery.id(alert, "hook"), alert.id(), alert.watchId(), null, alert.effectiveStatus(),
                alert.severity(), "hook", List.of(), DeliveryState.PENDING, 0, null, seq, now, now, null, now, null,
                null, alert);
    }

    /** Versions as OpenSearch keeps them: a delivery is taken once, by whoever presents its current version. */
    private final class InMemoryDeliveries extends DeliveryRepository {

        private final Map<String, Long> versions = new java.util.concurrent.ConcurrentHashMap<>();

        InMemoryDeliveries(NotifyProperties settings) {
            super(null, settings);
        }

        @Override
        public List<StoredDelivery> due(String channel, Instant now, int size) {
            return List.of();
        }

        @Override
        public List<StoredDelivery> claim(List<StoredDelivery> batch, Instant now, Instant leaseUntil) {
            List<StoredDelivery> taken = new ArrayList<>();
            for (StoredDelivery stored : batch) {
                claimed.add(stored.id());
                if (versions.putIfAbsent(stored.id(), stored.seqNo() + 1) == null) {
                    taken.add(new StoredDelivery(stored.delivery().with(DeliveryState.SENDING, 0, null, now, null,
                            leaseUntil), stored.seqNo() + 1, 1));
                }
            }
            return taken;
        }

        @Override
        public List<StoredDelivery> release(List<StoredDelivery> batch, Instant now) {
            batch.forEach(stored -> released.add(stored.id()));
            return batch;
        }

        @Override
        public void saveAll(List<Delivery> batch) {
            try {
                recordsHeld.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            saved.addAll(batch);
        }
    }
}
