package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.alert.notify.TestAlerts;
import io.vigie.alert.notify.channel.DeliveryFailure;
import io.vigie.alert.notify.channel.NotificationChannel;
import io.vigie.alert.notify.channel.ResilientChannel;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker renews the leases of what it holds (ADR 0028), against a store that keeps versions as OpenSearch does:
 * a versioned write succeeds only with the record's current version, and every write moves the version on.
 */
class DeliveryLeaseTests {

    private static final Duration LONG_LEASE = Duration.ofMinutes(5);

    private final List<String> sent = new CopyOnWriteArrayList<>();
    /** Holds every send until counted down: a slow receiver, or a channel retrying. */
    private volatile CountDownLatch sendGate = new CountDownLatch(0);
    private final CountDownLatch sendStarted = new CountDownLatch(1);
    private volatile boolean receiverDown;
    private Store store;
    private DeliveryWorker worker;
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        sendGate.countDown();
        store.renewalGate.countDown();
        worker.stop();
        thread.interrupt();
        thread.join(5_000);
        worker.awaitSenders(Duration.ofSeconds(5));
    }

    @Test
    void aHeldDeliveryHasItsLeaseRenewedWhileItsSendIsSlowThenNoMoreOnceItIsRecordedSent() throws Exception {
        // The shortest lease allowed: renewed every 1.7 s by the worker's own timer.
        start(Duration.ofSeconds(5), 1);
        sendGate = new CountDownLatch(1);
        StoredDelivery created = store.create(takenAtCreation(delivery("w", 1), Duration.ofSeconds(5)));
        Instant createdLease = created.delivery().leaseUntil();
        worker.handOver(List.of(created));
        assertThat(sendStarted.await(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> store.renewals.size() >= 2);
        // Each renewal presented the version the previous one wrote: both went through.
        assertThat(store.renewals).allSatisfy(renewal -> {
            assertThat(renewal.presented()).containsExactly(created.id());
            assertThat(renewal.renewed()).containsExactly(created.id());
        });
        assertThat(store.record(created.id()).delivery()).satisfies(record -> {
            assertThat(record.state()).isEqualTo(DeliveryState.SENDING);
            assertThat(record.leaseUntil()).isAfter(createdLease);
        });
        assertThat(sent).isEmpty();

        sendGate.countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.record(created.id()).delivery().state() == DeliveryState.SENT);
        int renewals = store.renewals.size();
        worker.renewLeases();
        assertThat(store.renewals).as("nothing held once recorded sent: no request").hasSize(renewals);
        assertThat(sent).containsExactly("w:negative-surge:1:open:low");
    }

    @Test
    void aWorkerThatHoldsNothingSendsNoRenewal() {
        start(LONG_LEASE, 1);
        worker.renewLeases();
        // One found pending and taken by the sender: held while sent, let go once recorded.
        worker.handOver(List.of(store.create(delivery("w", 1))));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.record("w:negative-surge:1:open:low:hook").delivery().state() == DeliveryState.SENT);
        worker.renewLeases();

        assertThat(store.renewals).isEmpty();
        assertThat(store.claims).containsExactly("w:negative-surge:1:open:low:hook");
    }

    @Test
    void aRenewalThatConflictsDropsTheDeliveryFromWhatIsRenewedAndTheWorkerDoesNotSendIt() {
        start(LONG_LEASE, 1);
        sendGate = new CountDownLatch(1);
        // One incident, two messages: the escalation waits in the lane behind the open, whose send is slow.
        StoredDelivery open = store.create(takenAtCreation(delivery("w", 1), LONG_LEASE));
        StoredDelivery escalated = store.create(takenAtCreation(delivery(TestAlerts.alert("w", "w:negative-surge:1",
                Severity.MEDIUM, AlertStatus.ESCALATED), 2), LONG_LEASE));
        worker.handOver(List.of(open, escalated));
        await().atMost(Duration.ofSeconds(10)).until(() -> sendStarted.getCount() == 0);
        // Another worker took the escalation over (this one's lease had run out, say).
        Delivery takenOver = store.overwrite(escalated.id(), record -> record.with(DeliveryState.SENDING, 0, null,
                Instant.now(), null, Instant.now().plus(LONG_LEASE)));

        worker.renewLeases();
        worker.renewLeases();

        assertThat(store.renewals).hasSize(2);
        assertThat(store.renewals.get(0).presented()).containsExactlyInAnyOrder(open.id(), escalated.id());
        assertThat(store.renewals.get(0).renewed()).containsExactly(open.id());
        assertThat(store.renewals.get(1).presented()).containsExactly(open.id());
        assertThat(store.renewals.get(1).renewed()).containsExactly(open.id());

        sendGate.countDown();
        // Its turn comes: no longer held, it is taken like a found one, and that fails on its version.
        await().atMost(Duration.ofSeconds(10)).until(() -> store.claims.contains(escalated.id())
                && store.record(open.id()).delivery().state() == DeliveryState.SENT);
        assertThat(sent).containsExactly("w:negative-surge:1:open:low");
        assertThat(store.record(escalated.id()).delivery()).isEqualTo(takenOver);
    }

    /** A storm's thousands of held deliveries in one request would be too large for OpenSearch. */
    @Test
    void theLeasesOfManyHeldDeliveriesAreRenewedInRequestsOfAtMostTwoHundred() {
        start(LONG_LEASE, 1);
        List<StoredDelivery> created = heldWhileTheFirstIsSent(450);

        worker.renewLeases();

        assertThat(store.renewals).hasSize(3).allSatisfy(renewal -> assertThat(renewal.presented())
                .hasSizeLessThanOrEqualTo(DeliveryWorker.RENEWALS_PER_REQUEST));
        assertThat(store.renewals.stream().flatMap(renewal -> renewal.renewed().stream()))
                .containsExactlyInAnyOrderElementsOf(created.stream().map(StoredDelivery::id).toList());
    }

    @Test
    void aGiveBackAfterARenewalPresentsTheRenewedVersion() {
        start(LONG_LEASE, 1);
        receiverDown = true;
        List<StoredDelivery> created = heldWhileTheFirstIsSent(3);
        worker.renewLeases();
        assertThat(store.renewals).singleElement().satisfies(renewal -> assertThat(renewal.renewed()).hasSize(3));

        // The first fails, the channel pauses: the two others are given back.
        sendGate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.released.size() == 2);
        Map<String, Long> renewedVersions = store.renewals.get(0).versions();
        assertThat(store.released).allSatisfy(presented -> assertThat(presented.seqNo())
                .isEqualTo(renewedVersions.get(presented.id())));
        assertThat(created).allSatisfy(delivery -> assertThat(store.record(delivery.id()).delivery()).satisfies(
                record -> {
                    assertThat(record.state()).isEqualTo(DeliveryState.PENDING);
                    assertThat(record.leaseUntil()).isNull();
                }));
        assertThat(sent).isEmpty();
    }

    /** The race the design rests on: the sent record is unconditional, a renewal is not and must not undo it. */
    @Test
    void aRenewalThatReachesTheStoreAfterTheSentRecordConflictsAndLeavesItSent() throws Exception {
        start(LONG_LEASE, 1);
        sendGate = new CountDownLatch(1);
        StoredDelivery created = store.create(takenAtCreation(delivery("w", 1), LONG_LEASE));
        worker.handOver(List.of(created));
        await().atMost(Duration.ofSeconds(10)).until(() -> sendStarted.getCount() == 0);

        // A renewal read the version, and its request is slow to arrive.
        store.renewalGate = new CountDownLatch(1);
        Thread renewal = new Thread(worker::renewLeases, "test-renewal");
        renewal.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> store.renewalsPresented.size() == 1);
        // Meanwhile the send ends and its record is written: the renewal in flight holds up neither.
        sendGate.countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.record(created.id()).delivery().state() == DeliveryState.SENT);
        store.renewalGate.countDown();
        renewal.join(10_000);

        assertThat(store.renewals).singleElement().satisfies(late -> assertThat(late.renewed()).isEmpty());
        assertThat(store.record(created.id()).delivery()).satisfies(record -> {
            assertThat(record.state()).isEqualTo(DeliveryState.SENT);
            assertThat(record.leaseUntil()).isNull();
        });
        worker.renewLeases();
        assertThat(store.renewals).as("no longer held: not renewed again").hasSize(1);
    }

    @Test
    void aRenewalOpenSearchDoesNotAnswerIsMadeAgainAtTheNextTickWithTheSameVersion() {
        start(LONG_LEASE, 1);
        sendGate = new CountDownLatch(1);
        StoredDelivery created = store.create(takenAtCreation(delivery("w", 1), LONG_LEASE));
        worker.handOver(List.of(created));
        await().atMost(Duration.ofSeconds(10)).until(() -> sendStarted.getCount() == 0);

        store.unreachable = true;
        worker.renewLeases();
        store.unreachable = false;
        worker.renewLeases();

        assertThat(store.renewalsPresented).hasSize(2).allSatisfy(presented -> assertThat(presented)
                .containsExactly(created));
        assertThat(store.renewals).singleElement().satisfies(renewal -> assertThat(renewal.renewed())
                .containsExactly(created.id()));
        sendGate.countDown();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.record(created.id()).delivery().state() == DeliveryState.SENT);
    }

    private void start(Duration lease, int concurrency) {
        NotifyProperties settings = new Binder(new MapConfigurationPropertySource(Map.of(
                "vigie.alert.notify.lease", lease.toMillis() + "ms",
                "vigie.alert.notify.channel-concurrency", String.valueOf(concurrency))))
                .bindOrCreate("vigie.alert.notify", NotifyProperties.class);
        NotificationChannel channel = new HookChannel(notification -> {
            sendStarted.countDown();
            try {
                sendGate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DeliveryFailure.transientFailure("interrupted");
            }
            if (receiverDown) {
                throw DeliveryFailure.transientFailure("HTTP 503");
            }
            sent.add(notification.idempotencyKey());
        });
        store = new Store(settings);
        worker = new DeliveryWorker(new ResilientChannel(channel, 1, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofSeconds(1)), store, settings, Clock.systemUTC());
        thread = new Thread(worker, "test-dispatcher");
        thread.start();
    }

    /**
     * Deliveries of {@code count} incidents created taken and handed over to the worker, whose one sender is held in
     * the send of the first: all are held until {@link #sendGate} opens.
     */
    private List<StoredDelivery> heldWhileTheFirstIsSent(int count) {
        sendGate = new CountDownLatch(1);
        List<StoredDelivery> created = new ArrayList<>();
        for (int incident = 0; incident < count; incident++) {
            created.add(store.create(takenAtCreation(delivery("w" + incident, incident + 1), LONG_LEASE)));
        }
        worker.handOver(created);
        await().atMost(Duration.ofSeconds(10)).until(() -> sendStarted.getCount() == 0);
        return created;
    }

    private static Delivery delivery(String watch, long seq) {
        return delivery(TestAlerts.alert(watch, watch + ":negative-surge:1", Severity.LOW, AlertStatus.OPEN), seq);
    }

    /** Created a second ago: a lease renewed now ends later than the one it was created with. */
    private static Delivery delivery(AlertRaised alert, long seq) {
        Instant created = Instant.now().minusSeconds(1);
        return new Delivery(Delivery.id(alert, "hook"), alert.id(), alert.watchId(), null, alert.effectiveStatus(),
                alert.severity(), "hook", List.of(), DeliveryState.PENDING, 0, null, seq, created, created, null,
                created, null, null, alert);
    }

    private static Delivery takenAtCreation(Delivery delivery, Duration lease) {
        return delivery.with(DeliveryState.SENDING, 0, null, delivery.createdAt(), null,
                delivery.createdAt().plus(lease));
    }

    /** What one renewal presented and what it renewed, with the versions it wrote. */
    private record Renewal(List<String> presented, List<String> renewed, Map<String, Long> versions) {
    }

    /** Versions as OpenSearch keeps them (a sequence number per write); searches find nothing. */
    private static final class Store extends DeliveryRepository {

        private final Map<String, StoredDelivery> records = new HashMap<>();
        private long nextSeqNo = 1;
        final List<Renewal> renewals = new CopyOnWriteArrayList<>();
        final List<List<StoredDelivery>> renewalsPresented = new CopyOnWriteArrayList<>();
        final List<String> claims = new CopyOnWriteArrayList<>();
        final List<StoredDelivery> released = new CopyOnWriteArrayList<>();
        /** Holds renewals after they presented their versions: a request slow to reach OpenSearch. */
        volatile CountDownLatch renewalGate = new CountDownLatch(0);
        volatile boolean unreachable;

        Store(NotifyProperties settings) {
            super(null, settings);
        }

        synchronized StoredDelivery create(Delivery delivery) {
            StoredDelivery stored = new StoredDelivery(delivery, nextSeqNo++, 1);
            records.put(delivery.id(), stored);
            return stored;
        }

        synchronized StoredDelivery record(String id) {
            return records.get(id);
        }

        /** Somebody else's write. */
        synchronized Delivery overwrite(String id, UnaryOperator<Delivery> change) {
            Delivery changed = change.apply(records.get(id).delivery());
            records.put(id, new StoredDelivery(changed, nextSeqNo++, 1));
            return changed;
        }

        @Override
        public List<StoredDelivery> due(String channel, Instant now, int size) {
            return List.of();
        }

        @Override
        public List<StoredDelivery> claim(List<StoredDelivery> batch, Instant now, Instant leaseUntil) {
            batch.forEach(stored -> claims.add(stored.id()));
            return replaceUnchanged(batch, delivery -> delivery.with(DeliveryState.SENDING, delivery.attempts(),
                    delivery.lastError(), now, null, leaseUntil));
        }

        @Override
        public List<StoredDelivery> renew(List<StoredDelivery> batch, Instant now, Instant leaseUntil) {
            renewalsPresented.add(List.copyOf(batch));
            if (unreachable) {
                throw new UncheckedIOException("could not renew the lease of " + batch.size() + " deliveries",
                        new IOException("Connection refused"));
            }
            try {
                renewalGate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<StoredDelivery> renewed = replaceUnchanged(batch, delivery -> delivery.with(DeliveryState.SENDING,
                    delivery.attempts(), delivery.lastError(), now, null, leaseUntil));
            Map<String, Long> versions = new HashMap<>();
            renewed.forEach(stored -> versions.put(stored.id(), stored.seqNo()));
            renewals.add(new Renewal(batch.stream().map(StoredDelivery::id).toList(),
                    renewed.stream().map(StoredDelivery::id).toList(), versions));
            return renewed;
        }

        @Override
        public List<StoredDelivery> release(List<StoredDelivery> batch, Instant now) {
            released.addAll(batch);
            return replaceUnchanged(batch, delivery -> delivery.with(DeliveryState.PENDING, delivery.attempts(),
                    delivery.lastError(), now, null, null));
        }

        /** Unconditional, as the worker's outcome records are. */
        @Override
        public synchronized void saveAll(List<Delivery> batch) {
            batch.forEach(delivery -> records.put(delivery.id(), new StoredDelivery(delivery, nextSeqNo++, 1)));
        }

        private synchronized List<StoredDelivery> replaceUnchanged(List<StoredDelivery> batch,
                                                                   UnaryOperator<Delivery> replacement) {
            List<StoredDelivery> replaced = new ArrayList<>();
            for (StoredDelivery presented : batch) {
                StoredDelivery current = records.get(presented.id());
                if (current != null && current.seqNo() == presented.seqNo()) {
                    StoredDelivery written = new StoredDelivery(replacement.apply(current.delivery()), nextSeqNo++, 1);
                    records.put(presented.id(), written);
                    replaced.add(written);
                }
            }
            return replaced;
        }
    }
}
