package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.alert.notify.channel.KeyHash;
import io.vigie.alert.notify.channel.Notification;
import io.vigie.alert.notify.channel.ResilientChannel;
import io.vigie.contracts.AlertRaised;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends the due deliveries of one channel. A channel that is down (retrying, breaker open) holds only its own threads,
 * never another channel nor the Kafka consumer.
 *
 * <p>A dispatcher thread gathers work: deliveries the consumer just stored, handed over in memory with their version
 * (no search, no refresh to wait for; stored already taken for this worker when it was ready to send them, ADR 0027),
 * and every {@code poll-interval} a search for due ones (digests, the end of quiet hours, leftovers of a restart or
 * another replica). Messages go out on up to {@code channel-concurrency} sender
 * threads, one lane per incident (alert id) or digest: a lane sends its messages one at a time in creation order, so an
 * incident's open goes before its escalation and its resolution, while different incidents do not wait for each other.
 * When a message has used its retries the whole channel pauses for {@code retry-pause} and then takes the oldest due
 * delivery first again; a refused one (permanent failure) is marked failed and the lane goes on.
 *
 * <p>Every delivery this worker holds ({@code sending} under its lease: created taken for it or taken by a sender,
 * until its outcome record is written or it is given back) has its lease renewed every third of {@code lease}, all in
 * one request (ADR 0028), so that the lease can be short: when the process is killed, what it held is due again
 * soon after. A renewal is a versioned write like a take, so one that reaches OpenSearch after the record of the
 * outcome (an unconditional write, which changes the version) conflicts and changes nothing.
 */
final class DeliveryWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 50;
    private static final Duration STORE_RETRY = Duration.ofSeconds(2);
    /** Held deliveries whose leases one request renews; more take several requests. */
    static final int RENEWALS_PER_REQUEST = 200;

    private final ResilientChannel channel;
    private final DeliveryRepository deliveries;
    private final NotifyProperties settings;
    private final Clock clock;
    private final ExecutorService senders;
    /** One thread that writes the records of sent deliveries, those queued meanwhile in one request. */
    private final ExecutorService recorder;
    private final Queue<Delivery> sentToRecord = new ConcurrentLinkedQueue<>();
    private final Semaphore wakeUp = new Semaphore(0);
    private final Queue<StoredDelivery> handed = new ConcurrentLinkedQueue<>();
    /** Lanes by incident or digest key; guarded by {@code this}. */
    private final Map<String, Lane> lanes = new HashMap<>();
    /** Ids queued in a lane or being sent: a search hit for one of them is not queued twice. Guarded by this. */
    private final Set<String> queued = new HashSet<>();
    /**
     * Deliveries this worker holds, by id, with the version of the last write it made to each (its creation taken,
     * its take, its last lease renewal): its versioned writes (renewal, give-back) must present that version. One
     * leaves it when its outcome record is about to be written (a write whose version the worker never learns) or
     * when it is given back; one that somebody else changed, when a renewal finds out.
     */
    private final Map<String, StoredDelivery> held = new ConcurrentHashMap<>();
    /**
     * Renewals and give-backs one at a time: a give-back racing a renewal would present the version that renewal
     * is replacing, fail, and leave the delivery to its lease. Senders never wait for it, only a give-back does.
     */
    private final Object versionedWrites = new Object();
    /** One thread that renews the leases of what the worker holds, so that a slow OpenSearch never holds a sender. */
    private final ScheduledExecutorService renewer;
    private volatile boolean running = true;
    private volatile Instant pausedUntil = Instant.MIN;
    private Instant nextSearch = Instant.MIN;
    private boolean moreDue;

    DeliveryWorker(ResilientChannel channel, DeliveryRepository deliveries, NotifyProperties settings, Clock clock) {
        this.channel = channel;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
        String name = channel.channel().name();
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(settings.channelConcurrency(), task -> {
            Thread thread = new Thread(task, "notify-" + name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.recorder = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "notify-" + name + "-record");
            thread.setDaemon(true);
            return thread;
        });
        this.renewer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "notify-" + name + "-lease");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.leaseRenewal().toMillis();
        renewer.scheduleWithFixedDelay(this::renewLeases, period, period, TimeUnit.MILLISECONDS);
    }

    String channelName() {
        return channel.channel().name();
    }

    /**
     * Deliveries just stored and due now: sent without searching for them. Those stored {@code sending} were created
     * already taken for this worker ({@link #takesHandOversNow()}): held from now on, they are sent without taking
     * them again.
     */
    void handOver(List<StoredDelivery> stored) {
        // If absent: a repeated hand-over must not replace the version a renewal wrote since.
        stored.stream().filter(delivery -> delivery.delivery().state() == DeliveryState.SENDING)
                .forEach(delivery -> held.putIfAbsent(delivery.id(), delivery));
        handed.addAll(stored);
        if (!running) {
            // Stopped meanwhile: the dispatcher will not take them.
            giveBack(drain(handed));
        }
        wakeUp.release();
    }

    /**
     * Whether a delivery handed over now would be sent at once, so that it can be created already taken (ADR 0027):
     * running and not paused. One handed over all the same when the channel pauses or the worker stops is given
     * back (pending again) rather than left to its lease.
     */
    boolean takesHandOversNow() {
        return running && !clock.instant().isBefore(pausedUntil);
    }

    void stop() {
        running = false;
        wakeUp.release();
        // Interrupts sends and backoff waits: each sender records its delivery as pending again before it ends.
        senders.shutdownNow();
    }

    /**
     * Waits for the senders to end, then for the records of what they sent to be written; leases are renewed until
     * then. What is still held after that is left to its lease, as if the process had died.
     */
    boolean awaitSenders(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            boolean sendersEnded = senders.awaitTermination(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            recorder.shutdown();
            return recorder.awaitTermination(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                    TimeUnit.MILLISECONDS) && sendersEnded;
        } finally {
            renewer.shutdownNow();
        }
    }

    /**
     * Extends the lease of every delivery this worker holds, in one request per {@link #RENEWALS_PER_REQUEST}
     * deliveries; none when it holds nothing. One whose record somebody else changed (its lease ran out and another
     * worker took it over) is no longer held: not renewed again, and not sent by this worker if it still waits in a
     * lane (taking it fails on its version). OpenSearch not answering is only logged: the next renewal, a third of the
     * lease later, tries again (those after the failed request too).
     */
    void renewLeases() {
        if (held.isEmpty()) {
            return;
        }
        try {
            synchronized (versionedWrites) {
                List<StoredDelivery> all = List.copyOf(held.values());
                List<String> lost = new ArrayList<>();
                try {
                    // A storm's thousands of held deliveries, whole documents each, would make one request too large.
                    for (int from = 0; from < all.size(); from += RENEWALS_PER_REQUEST) {
                        renew(all.subList(from, Math.min(all.size(), from + RENEWALS_PER_REQUEST)), lost);
                    }
                } finally {
                    // Also when a later request failed: those dropped by the earlier ones are no longer held.
                    if (!lost.isEmpty()) {
                        log.warn("Channel '{}': deliveries {} were changed by someone else since this worker took"
                                + " them (their lease ran out, e.g. OpenSearch did not take the renewals in time, and"
                                + " another worker took them over); this worker no longer holds them and does not send"
                                + " those not sent yet", channelName(), lost);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Channel '{}': could not renew the lease of {} deliveries ({}); trying again in {} ms",
                    channelName(), held.size(), describe(e), settings.leaseRenewal().toMillis());
        }
    }

    /** One renewal request; the deliveries it finds changed by someone else are dropped and added to {@code lost}. */
    private void renew(List<StoredDelivery> batch, List<String> lost) {
        Instant now = clock.instant();
        Map<String, StoredDelivery> renewed = deliveries.renew(batch, now, now.plus(settings.lease())).stream()
                .collect(Collectors.toMap(StoredDelivery::id, Function.identity()));
        for (StoredDelivery before : batch) {
            StoredDelivery after = renewed.get(before.id());
            // Both only if still held as read: one whose outcome record began meanwhile stays let go. That record
            // changes the version, so a renewal that lands after it conflicts: expected, not lost.
            if (after != null) {
                held.replace(before.id(), before, after);
            } else if (held.remove(before.id(), before)) {
                lost.add(before.id());
            }
        }
    }

    @Override
    public void run() {
        try {
            dispatchUntilStopped();
        } finally {
            giveBack(drain(handed));
        }
    }

    /** What is in {@code queue} now, taken out of it. */
    private static <T> List<T> drain(Queue<T> queue) {
        List<T> drained = new ArrayList<>();
        for (T item; (item = queue.poll()) != null; ) {
            drained.add(item);
        }
        return drained;
    }

    private void dispatchUntilStopped() {
        while (running) {
            try {
                Instant now = clock.instant();
                Duration wait;
                if (now.isBefore(pausedUntil)) {
                    wait = Duration.between(now, pausedUntil);
                    // After the pause the oldest due delivery goes first again: search before taking new ones.
                    nextSearch = pausedUntil;
                } else {
                    dispatch(now);
                    wait = Duration.between(clock.instant(), nextSearch);
                }
                if (wakeUp.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Channel '{}': {}; trying again in {} ms", channelName(), describe(e), STORE_RETRY.toMillis());
                pausedUntil = clock.instant().plus(STORE_RETRY);
            }
        }
    }

    private void dispatch(Instant now) {
        if (!running) {
            return;
        }
        List<StoredDelivery> found = new ArrayList<>();
        boolean idle;
        synchronized (this) {
            idle = lanes.isEmpty();
        }
        if (!now.isBefore(nextSearch) || moreDue && idle) {
            List<StoredDelivery> due = deliveries.due(channelName(), now, BATCH);
            found.addAll(due);
            // A full page: search again as soon as the lanes are idle, not at the next poll.
            moreDue = due.size() == BATCH;
            nextSearch = now.plus(settings.pollInterval());
        }
        found.addAll(drain(handed));
        if (found.isEmpty()) {
            return;
        }
        found.sort(Comparator.comparingLong(stored -> stored.delivery().seq()));
        Map<String, List<StoredDelivery>> messages = new LinkedHashMap<>();
        synchronized (this) {
            for (StoredDelivery stored : found) {
                if (queued.add(stored.id())) {
                    Delivery delivery = stored.delivery();
                    String key = delivery.digestKey() == null ? "single:" + delivery.id()
                            : "digest:" + delivery.digestKey();
                    messages.computeIfAbsent(key, k -> new ArrayList<>()).add(stored);
                }
            }
            messages.forEach((key, message) -> {
                Delivery first = message.get(0).delivery();
                String laneKey = first.digestKey() == null ? "alert:" + first.alertId() : key;
                Lane lane = lanes.get(laneKey);
                boolean start = lane == null;
                if (start) {
                    lane = new Lane(laneKey);
                    lanes.put(laneKey, lane);
                }
                lane.add(key, message);
                if (start) {
                    senders.execute(lane);
                }
            });
        }
    }

    /** The messages of one incident (or one digest), sent one after the other in creation order. */
    private final class Lane implements Runnable {

        private final String key;
        /** Message key to its deliveries, oldest first; guarded by the worker. */
        private final Map<String, List<StoredDelivery>> messages = new LinkedHashMap<>();

        Lane(String key) {
            this.key = key;
        }

        void add(String messageKey, List<StoredDelivery> message) {
            List<StoredDelivery> existing = messages.get(messageKey);
            if (existing != null) {
                // More deliveries of a digest that has not gone out yet: one message, not two with the same key.
                existing.addAll(message);
                return;
            }
            long seq = message.get(0).delivery().seq();
            if (messages.values().stream().allMatch(other -> other.get(0).delivery().seq() < seq)) {
                messages.put(messageKey, message);
                return;
            }
            // Found late by a search (a left-over of a restart): it goes before the newer ones of its incident.
            Map<String, List<StoredDelivery>> ordered = new LinkedHashMap<>(messages);
            ordered.put(messageKey, message);
            messages.clear();
            ordered.entrySet().stream()
                    .sorted(Comparator.comparingLong(entry -> entry.getValue().get(0).delivery().seq()))
                    .forEachOrdered(entry -> messages.put(entry.getKey(), entry.getValue()));
        }

        @Override
        public void run() {
            List<StoredDelivery> dropped = new ArrayList<>();
            try {
                while (true) {
                    List<StoredDelivery> message;
                    synchronized (DeliveryWorker.this) {
                        if (messages.isEmpty() || !running || clock.instant().isBefore(pausedUntil)) {
                            // Paused or stopping: what is left stays pending in OpenSearch and is found again.
                            messages.values().forEach(left -> left.forEach(stored -> queued.remove(stored.id())));
                            messages.values().forEach(dropped::addAll);
                            messages.clear();
                            lanes.remove(key);
                            break;
                        }
                        String first = messages.keySet().iterator().next();
                        message = messages.remove(first);
                    }
                    try {
                        if (!send(message)) {
                            continue;
                        }
                    } catch (RuntimeException e) {
                        log.warn("Channel '{}': {}; trying again in {} ms", channelName(), describe(e),
                                STORE_RETRY.toMillis());
                        dropped.addAll(message);
                        pause(STORE_RETRY);
                    } finally {
                        synchronized (DeliveryWorker.this) {
                            message.forEach(stored -> queued.remove(stored.id()));
                        }
                    }
                }
            } finally {
                giveBack(dropped);
                wakeUp.release();
            }
        }
    }

    /**
     * Deliveries held by this worker (created taken for it) that it will not send now go back to pending, so that
     * the search finds them after the pause or at the next start rather than when their lease ends. Best effort: when
     * OpenSearch does not answer they wait for their lease, as a delivery being sent when its worker died.
     */
    private void giveBack(List<StoredDelivery> notSent) {
        synchronized (versionedWrites) {
            // With the version of the last renewal, not the one they were handed over with.
            giveBack(deliveries, channelName(), notSent.stream().map(stored -> held.remove(stored.id()))
                    .filter(Objects::nonNull).toList(), clock);
        }
    }

    static void giveBack(DeliveryRepository deliveries, String channel, List<StoredDelivery> taken, Clock clock) {
        if (taken.isEmpty()) {
            return;
        }
        // A stop interrupts this thread, perhaps during the request (the client then gives up on it): the request
        // must still go out, so it is made again once the interrupt is cleared. A repeat of one that did go through
        // only finds the versions changed and changes nothing.
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    deliveries.release(taken, clock.instant());
                    return;
                } catch (RuntimeException e) {
                    boolean interruptedDuring = Thread.interrupted();
                    interrupted |= interruptedDuring;
                    if (!interruptedDuring || attempt >= 3) {
                        log.warn("Channel '{}': could not give back {} unsent deliveries ({}); they are retried when"
                                + " their lease ends", channel, taken.size(), describe(e));
                        return;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pause(Duration duration) {
        Instant until = clock.instant().plus(duration);
        synchronized (this) {
            if (until.isAfter(pausedUntil)) {
                pausedUntil = until;
            }
        }
        wakeUp.release();
    }

    /** @return false when the channel failed and pauses */
    private boolean send(List<StoredDelivery> message) {
        Instant now = clock.instant();
        // Those held (created taken for this worker) are ours already: one request to OpenSearch less before the send.
        // One a renewal found changed by someone else is no longer held: its take fails on its version.
        // One still sending when found was taken over from a worker that died holding it, perhaps after its send.
        List<StoredDelivery> toTake = message.stream().filter(stored -> !held.containsKey(stored.id()))
                .map(DeliveryWorker::takenOverMayHaveArrived).toList();
        deliveries.claim(toTake, now, now.plus(settings.lease())).forEach(claimed -> held.put(claimed.id(), claimed));
        List<Delivery> taken = message.stream().map(stored -> held.get(stored.id())).filter(Objects::nonNull)
                .map(StoredDelivery::delivery).toList();
        if (taken.isEmpty()) {
            return true;
        }
        Delivery first = taken.get(0);
        if (now.isAfter(first.dueAt().plus(settings.giveUpAfter()))) {
            log.error("Channel '{}': gave up on {} after {} attempts over {}; last failure: {}", channelName(),
                    first.id(), first.attempts(), settings.giveUpAfter(), first.lastError());
            finish(taken, DeliveryState.FAILED, 0, "gave up after " + settings.giveUpAfter() + ": "
                    + first.lastError(), null);
            return true;
        }
        Instant takenAt = clock.instant();
        Notification notification = notification(taken);
        ResilientChannel.Outcome outcome = channel.deliver(notification);
        // A stop during the send interrupts it; the outcome (not delivered) must still be recorded.
        boolean interrupted = Thread.interrupted();
        if (outcome.uncertain()) {
            taken = taken.stream().map(Delivery::withUnconfirmedAttempt).toList();
        }
        try {
            if (outcome.delivered()) {
                Instant delivered = clock.instant();
                finish(taken, DeliveryState.SENT, outcome.attempts(), null, delivered);
                // Taking it is OpenSearch's part, sending the channel's: an operator sees which one is slow.
                log.info("Channel '{}': delivered {} ({} attempt(s), {} ms after it was stored: {} ms taking it, {} ms"
                                + " sending)", channelName(), notification.idempotencyKey(), outcome.attempts(),
                        Duration.between(first.createdAt(), delivered).toMillis(),
                        Duration.between(now, takenAt).toMillis(), Duration.between(takenAt, delivered).toMillis());
                return true;
            }
            if (outcome.permanent()) {
                log.error("Channel '{}': {} refused: {}", channelName(), notification.idempotencyKey(), outcome.error());
                finish(taken, DeliveryState.FAILED, outcome.attempts(), outcome.error(), null);
                return true;
            }
            log.warn("Channel '{}': {} not delivered after {} attempt(s): {}; next try in {} ms", channelName(),
                    notification.idempotencyKey(), outcome.attempts(), outcome.error(),
                    settings.retryPause().toMillis());
            finish(taken, DeliveryState.PENDING, outcome.attempts(), outcome.error(), null);
            pause(settings.retryPause());
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Records the outcome, in one request. Insists while OpenSearch is down: a sent delivery not recorded as sent
     * would be sent again when its lease ends.
     */
    private void finish(List<Delivery> taken, DeliveryState state, int attempts, String error, Instant delivered) {
        Instant now = clock.instant();
        List<Delivery> done = taken.stream().map(delivery -> delivery.with(state, delivery.attempts() + attempts,
                error, now, delivered, null)).toList();
        if (state == DeliveryState.SENT) {
            recordSent(done);
        } else {
            letGo(done);
            save(done, state);
        }
    }

    /**
     * No longer renewed, nor given back: their outcome record is written next. That write is unconditional and
     * changes the version, so a renewal already under way that lands after it conflicts and leaves it as written.
     * The lease renewed last covers the write and its retries unless OpenSearch refuses them for most of a lease,
     * and then it refuses the renewals too.
     */
    private void letGo(List<Delivery> done) {
        done.forEach(delivery -> held.remove(delivery.id()));
    }

    /**
     * A sent delivery is recorded by the worker's recorder thread, the records of the moment in one request, while the
     * sender goes on with the next message: the record is not part of the next notification's latency (ADR 0027).
     * Until it is written the delivery stays {@code sending} under its lease, still renewed, so nobody sends it again.
     */
    private void recordSent(List<Delivery> done) {
        sentToRecord.addAll(done);
        try {
            recorder.execute(this::recordQueued);
        } catch (RejectedExecutionException e) {
            // Stopped: recorded here instead.
            recordQueued();
        }
    }

    private void recordQueued() {
        List<Delivery> batch = drain(sentToRecord);
        if (batch.isEmpty()) {
            return;
        }
        letGo(batch);
        try {
            save(batch, DeliveryState.SENT);
        } catch (RuntimeException e) {
            log.error("Channel '{}': could not record {} as sent: {}; they are sent again when their lease ends",
                    channelName(), batch.stream().map(Delivery::id).toList(), describe(e));
        }
    }

    private void save(List<Delivery> done, DeliveryState state) {
        for (int tries = 1; ; tries++) {
            try {
                deliveries.saveAll(done);
                return;
            } catch (RuntimeException e) {
                if (tries >= 30) {
                    throw e;
                }
                log.warn("Channel '{}': could not record {} as {}: {}; retrying", channelName(),
                        done.stream().map(Delivery::id).toList(), state, describe(e));
                sleepQuietly(STORE_RETRY);
            }
        }
    }

    /** An operator must see why: the message, or the type when there is none. */
    static String describe(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static StoredDelivery takenOverMayHaveArrived(StoredDelivery found) {
        return found.delivery().state() != DeliveryState.SENDING ? found
                : new StoredDelivery(found.delivery().withUnconfirmedAttempt(), found.seqNo(), found.primaryTerm());
    }

    static Notification notification(List<Delivery> taken) {
        Delivery first = taken.get(0);
        boolean possibleRepeat = taken.stream().anyMatch(Delivery::unconfirmedAttempt);
        if (first.digestKey() == null) {
            return new Notification(Delivery.idempotencyKey(first.alert()), first.watchId(), first.watchName(),
                    List.of(first.alert()), first.recipients(), false, possibleRepeat);
        }
        // One line per alert in the digest: its latest state.
        Map<String, AlertRaised> latest = new LinkedHashMap<>();
        for (Delivery delivery : taken) {
            latest.remove(delivery.alertId());
            latest.put(delivery.alertId(), delivery.alert());
        }
        return new Notification("digest:" + KeyHash.hex(first.digestKey(), 16), first.watchId(), first.watchName(),
                List.copyOf(latest.values()), first.recipients(), true, possibleRepeat);
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
