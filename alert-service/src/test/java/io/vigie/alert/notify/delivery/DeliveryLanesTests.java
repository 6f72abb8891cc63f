package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.alert.notify.TestAlerts;
import io.vigie.alert.notify.channel.Notification;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker's lanes, with the channel and the store in memory: concurrency across incidents, order within one. */
class DeliveryLanesTests {

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<Delivery> saved = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private DeliveryWorker worker;
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        worker.stop();
        thread.interrupt();
        thread.join(5_000);
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

    private void start(int concurrency) {
        NotifyProperties settings = new NotifyProperties(true, "alert-raised", "g", "i", URI.create("http://ui"),
                Map.of(), List.of(), LocalTime.of(8, 0), Duration.ofHours(24), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofSeconds(30),
                concurrency, 5, Duration.ofDays(30));
        NotificationChannel channel = new NotificationChannel() {
            @Override
            public String name() {
                return "hook";
            }

            @Override
            public String type() {
                return "webhook";
            }

            @Override
            public void send(Notification notification) {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sent.add(notification.idempotencyKey());
                inFlight.decrementAndGet();
            }
        };
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
                if (versions.putIfAbsent(stored.id(), stored.seqNo() + 1) == null) {
                    taken.add(new StoredDelivery(stored.delivery().with(DeliveryState.SENDING, 0, null, now, null,
                            leaseUntil), stored.seqNo() + 1, 1));
                }
            }
            return taken;
        }

        @Override
        public void saveAll(List<Delivery> batch) {
            saved.addAll(batch);
        }
    }
}
