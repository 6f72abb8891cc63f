package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.alert.notify.TestAlerts;
import io.vigie.alert.notify.channel.DeliveryFailure;
import io.vigie.alert.notify.channel.Notification;
import io.vigie.alert.notify.channel.ResilientChannel;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leases renewed by their holder, on a real OpenSearch (ADR 0028), with a lease of seconds instead of a minute: a
 * delivery whose send lasts longer than the lease stays with its holder while it renews the lease, and once the holder
 * is killed the delivery is due again after one lease and another worker sends it.
 */
class DeliveryLeaseIT {

    private static final Duration LEASE = Duration.ofSeconds(8);
    private final OpenSearchClient client = RealOpenSearch.client();

    /** The race the design rests on, checked against OpenSearch's own version checks rather than our reading of them. */
    @Test
    void aRenewalThatReachesOpenSearchAfterTheSentRecordChangesNothing() throws IOException {
        NotifyProperties settings = settings("vigie-deliveries-lease-race-it");
        DeliveryRepository deliveries = new DeliveryRepository(client, settings);
        Instant now = Instant.now();
        StoredDelivery created = deliveries.createAll(List.of(takenAtCreation(delivery("race"), now))).get(0);
        List<StoredDelivery> renewed = deliveries.renew(List.of(created), now, now.plus(LEASE));
        assertThat(renewed).singleElement().satisfies(stored -> assertThat(stored.seqNo())
                .isGreaterThan(created.seqNo()));

        Delivery sent = renewed.get(0).delivery().with(DeliveryState.SENT, 1, null, now, now, null);
        deliveries.saveAll(List.of(sent));
        // A renewal that read the version before the record was written, and reaches OpenSearch after it.
        assertThat(deliveries.renew(renewed, now, now.plus(LEASE))).isEmpty();

        assertThat(record(settings, created.id())).satisfies(record -> {
            assertThat(record.state()).isEqualTo(DeliveryState.SENT);
            assertThat(record.leaseUntil()).isNull();
            assertThat(record.deliveredAt()).isEqualTo(now);
        });
    }

    @Test
    void aDeliveryStaysWithAHolderThatRenewsItsLeaseAndGoesToAnotherWorkerAfterOneLeaseOnceTheHolderIsKilled()
            throws Exception {
        NotifyProperties settings = settings("vigie-deliveries-lease-it");
        Replica holderStore = new Replica(client, settings);
        Replica otherStore = new Replica(client, settings);
        CountDownLatch holderSending = new CountDownLatch(1);
        List<Notification> sentByOther = new CopyOnWriteArrayList<>();
        List<Notification> sentByHolder = new CopyOnWriteArrayList<>();
        // The holder's receiver never answers in this test: a send far longer than the lease.
        DeliveryWorker holder = new DeliveryWorker(channel(notification -> {
            sentByHolder.add(notification);
            holderSending.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DeliveryFailure.transientFailure("interrupted");
            }
        }), holderStore, settings, Clock.systemUTC());
        DeliveryWorker other = new DeliveryWorker(channel(sentByOther::add), otherStore, settings,
                Clock.systemUTC());
        Thread otherThread = new Thread(other, "lease-it-other");
        Thread holderThread = new Thread(holder, "lease-it-holder");
        // Never stopped, as a killed process is not: its threads must not keep the test JVM alive.
        holderThread.setDaemon(true);
        holderThread.start();
        otherThread.start();
        try {
            // Created taken for the holder and handed over to it, as the consumer does.
            Instant now = Instant.now();
            StoredDelivery created = holderStore.createAll(List.of(takenAtCreation(delivery("held"), now))).get(0);
            Instant createdLease = created.delivery().leaseUntil();
            holder.handOver(List.of(created));
            assertThat(holderSending.await(30, TimeUnit.SECONDS)).isTrue();

            // The other worker searches for due deliveries, past the lease the delivery was created with.
            Instant pastCreatedLease = createdLease.plus(LEASE.dividedBy(4));
            await().atMost(Duration.ofSeconds(60)).until(() -> otherStore.searches.stream()
                    .anyMatch(search -> search.at().isAfter(pastCreatedLease)));
            assertThat(otherStore.searches).allSatisfy(search -> assertThat(search.found()).isEmpty());
            assertThat(record(settings, created.id())).satisfies(record -> {
                assertThat(record.state()).isEqualTo(DeliveryState.SENDING);
                assertThat(record.leaseUntil()).as("renewed").isAfter(createdLease);
            });
            assertThat(sentByOther).isEmpty();

            // Killed: the holder's send never ends, nothing it would write reaches OpenSearch, nothing is given back.
            holderStore.kill();
            await().atMost(LEASE.multipliedBy(4)).until(() -> sentByOther.size() == 1);
            assertThat(sentByOther).singleElement().satisfies(notification -> {
                assertThat(notification.idempotencyKey()).isEqualTo("held:negative-surge:1:open:low");
                // The holder may have sent it before it died: a chat tool has no key to drop the repeat by.
                assertThat(notification.possibleRepeat()).isTrue();
            });
            assertThat(sentByHolder).singleElement().satisfies(notification -> assertThat(
                    notification.possibleRepeat()).isFalse());
            assertThat(otherStore.searches).filteredOn(search -> !search.found().isEmpty()).first()
                    .satisfies(search -> assertThat(search.at()).isAfter(createdLease));
            assertThat(awaitState(settings, created.id(), DeliveryState.SENT).unconfirmedAttempt()).isTrue();
        } finally {
            stop(other, otherThread);
        }
    }

    @Test
    void aMessageThatGotNoAnswerGoesOutAgainAfterTheRetryPauseMarkedAsAPossibleRepeat() throws Exception {
        NotifyProperties settings = settings("vigie-deliveries-unanswered-it");
        DeliveryRepository deliveries = new DeliveryRepository(client, settings);
        List<Notification> attempts = new CopyOnWriteArrayList<>();
        DeliveryWorker worker = new DeliveryWorker(channel(notification -> {
            attempts.add(notification);
            if (attempts.size() == 1) {
                throw DeliveryFailure.uncertainFailure("timed out waiting for the answer");
            }
        }), deliveries, settings, Clock.systemUTC());
        Thread thread = new Thread(worker, "unanswered-it");
        thread.start();
        try {
            Instant now = Instant.now();
            StoredDelivery created = deliveries.createAll(List.of(takenAtCreation(delivery("unanswered"), now)))
                    .get(0);
            worker.handOver(List.of(created));

            // The first attempt got no answer: pending again, and the record keeps that it may have arrived.
            await().atMost(Duration.ofSeconds(30)).until(() -> !attempts.isEmpty());
            assertThat(awaitState(settings, created.id(), DeliveryState.PENDING).unconfirmedAttempt()).isTrue();
            // Found again by the search after the retry pause, as after a restart.
            awaitState(settings, created.id(), DeliveryState.SENT);
            assertThat(attempts).extracting(Notification::possibleRepeat).containsExactly(false, true);
            // The delivery log says so too.
            assertThat(deliveries.find(created.delivery().alertId(), 10)).singleElement()
                    .satisfies(found -> assertThat(DeliveryView.of(found).possibleRepeat()).isTrue());
        } finally {
            stop(worker, thread);
        }
    }

    /** Records written before the field existed read as first attempts. */
    @Test
    void aRecordWithoutTheFieldIsNoPossibleRepeat() throws IOException {
        NotifyProperties settings = settings("vigie-deliveries-old-record-it");
        DeliveryRepository deliveries = new DeliveryRepository(client, settings);
        Delivery written = delivery("old");
        deliveries.createAll(List.of(written));
        Map<String, Object> withoutField = new java.util.LinkedHashMap<>(client.get(get -> get.index(settings.index())
                .id(written.id()), Map.class).source());
        assertThat(withoutField.remove("unconfirmedAttempt")).isEqualTo(false);
        client.index(index -> index.index(settings.index()).id(written.id()).document(withoutField)
                .refresh(org.opensearch.client.opensearch._types.Refresh.True));

        assertThat(deliveries.due("hook", Instant.now().plusSeconds(1), 10)).singleElement()
                .satisfies(stored -> assertThat(stored.delivery().unconfirmedAttempt()).isFalse());
    }

    private static void stop(DeliveryWorker worker, Thread dispatcher) throws InterruptedException {
        worker.stop();
        dispatcher.interrupt();
        dispatcher.join(10_000);
        worker.awaitSenders(Duration.ofSeconds(10));
    }

    /** The record once it is in {@code state}. */
    private Delivery awaitState(NotifyProperties settings, String id, DeliveryState state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> record(settings, id),
                record -> record != null && record.state() == state);
    }

    private Delivery record(NotifyProperties settings, String id) throws IOException {
        // A get by id is real time: what the last write left, not what the last refresh made visible.
        return client.get(get -> get.index(settings.index()).id(id), Delivery.class).source();
    }

    private static NotifyProperties settings(String index) {
        return new Binder(new MapConfigurationPropertySource(Map.of(
                "vigie.alert.notify.index", index,
                "vigie.alert.notify.lease", LEASE.toSeconds() + "s",
                "vigie.alert.notify.poll-interval", "500ms",
                "vigie.alert.notify.retry-pause", "1s")))
                .bindOrCreate("vigie.alert.notify", NotifyProperties.class);
    }

    private static ResilientChannel channel(java.util.function.Consumer<Notification> send) {
        return new ResilientChannel(new HookChannel(send), 1, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofSeconds(1));
    }

    private static Delivery delivery(String watch) {
        AlertRaised alert = TestAlerts.alert(watch, watch + ":negative-surge:1", Severity.LOW, AlertStatus.OPEN);
        Instant now = Instant.now();
        return new Delivery(Delivery.id(alert, "hook"), alert.id(), alert.watchId(), null, alert.effectiveStatus(),
                alert.severity(), "hook", List.of(), DeliveryState.PENDING, 0, null, 1, now, now, null, now, null,
                null, alert);
    }

    private static Delivery takenAtCreation(Delivery delivery, Instant now) {
        return delivery.with(DeliveryState.SENDING, 0, null, now, null, now.plus(LEASE));
    }

    private record Search(Instant at, List<String> found) {
    }

    /**
     * One instance's view of the real index, which logs its searches and can be killed: from then on each of its
     * requests parks for good, so nothing of it reaches OpenSearch any more, as when its process is gone.
     */
    private static final class Replica extends DeliveryRepository {

        final List<Search> searches = new CopyOnWriteArrayList<>();
        private final CountDownLatch never = new CountDownLatch(1);
        private volatile boolean killed;

        Replica(OpenSearchClient client, NotifyProperties settings) {
            super(client, settings);
        }

        void kill() {
            killed = true;
        }

        private void parkIfKilled() {
            while (killed) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    // A dead process does not answer its interrupts either.
                }
            }
        }

        @Override
        public List<StoredDelivery> due(String channel, Instant now, int size) {
            parkIfKilled();
            List<StoredDelivery> due = super.due(channel, now, size);
            searches.add(new Search(now, due.stream().map(StoredDelivery::id).toList()));
            return due;
        }

        @Override
        public List<StoredDelivery> createAll(List<Delivery> batch) {
            parkIfKilled();
            return super.createAll(batch);
        }

        @Override
        public List<StoredDelivery> claim(List<StoredDelivery> batch, Instant now, Instant leaseUntil) {
            parkIfKilled();
            return super.claim(batch, now, leaseUntil);
        }

        @Override
        public List<StoredDelivery> renew(List<StoredDelivery> batch, Instant now, Instant leaseUntil) {
            parkIfKilled();
            return super.renew(batch, now, leaseUntil);
        }

        @Override
        public List<StoredDelivery> release(List<StoredDelivery> batch, Instant now) {
            parkIfKilled();
            return super.release(batch, now);
        }

        @Override
        public void saveAll(List<Delivery> batch) {
            parkIfKilled();
            super.saveAll(batch);
        }
    }
}
