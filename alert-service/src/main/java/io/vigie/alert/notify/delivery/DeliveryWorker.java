package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.alert.notify.channel.Notification;
import io.vigie.alert.notify.channel.ResilientChannel;
import io.vigie.contracts.AlertRaised;
import org.opensearch.client.opensearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sends the due deliveries of one channel, oldest first, on a thread of its own: a channel that is down (retrying,
 * breaker open) holds only this thread, never another channel nor the Kafka consumer. When a delivery has used its
 * retries the channel pauses for {@code retry-pause} and tries the same one again, so the order of a channel's
 * messages is kept; a refused one (permanent failure) is marked failed and the next goes.
 */
final class DeliveryWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int BATCH = 50;
    private static final Duration STORE_RETRY = Duration.ofSeconds(2);

    private final ResilientChannel channel;
    private final DeliveryRepository deliveries;
    private final NotifyProperties settings;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running = true;
    private Instant pausedUntil = Instant.MIN;

    DeliveryWorker(ResilientChannel channel, DeliveryRepository deliveries, NotifyProperties settings, Clock clock) {
        this.channel = channel;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
    }

    String channelName() {
        return channel.channel().name();
    }

    /** A new delivery may be due: look now rather than at the next poll. */
    void wakeUp() {
        wakeUp.release();
    }

    void stop() {
        running = false;
        wakeUp.release();
    }

    @Override
    public void run() {
        while (running) {
            try {
                Instant now = clock.instant();
                Duration wait = settings.pollInterval();
                if (now.isBefore(pausedUntil)) {
                    wait = Duration.between(now, pausedUntil);
                } else if (sendDue(now)) {
                    continue;
                }
                if (wakeUp.tryAcquire(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Channel '{}': {}; trying again in {} ms", channelName(), e.getMessage(),
                        STORE_RETRY.toMillis());
                pausedUntil = clock.instant().plus(STORE_RETRY);
            }
        }
    }

    /** @return whether a full batch was handled and more may be due right away */
    private boolean sendDue(Instant now) {
        List<Hit<Delivery>> due = deliveries.due(channelName(), now, BATCH);
        Map<String, List<Hit<Delivery>>> messages = new LinkedHashMap<>();
        for (Hit<Delivery> hit : due) {
            Delivery delivery = hit.source();
            if (delivery != null) {
                String key = delivery.digestKey() == null ? "single:" + delivery.id() : "digest:" + delivery.digestKey();
                messages.computeIfAbsent(key, k -> new ArrayList<>()).add(hit);
            }
        }
        for (List<Hit<Delivery>> message : messages.values()) {
            if (!running || !send(message)) {
                return false;
            }
        }
        return due.size() == BATCH;
    }

    /** @return false when the channel failed and pauses */
    private boolean send(List<Hit<Delivery>> hits) {
        Instant now = clock.instant();
        Instant lease = now.plus(settings.lease());
        List<Delivery> taken = new ArrayList<>();
        for (Hit<Delivery> hit : hits) {
            Delivery claimed = deliveries.claim(hit, now, lease);
            if (claimed != null) {
                taken.add(claimed);
            }
        }
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
        Notification notification = notification(taken);
        ResilientChannel.Outcome outcome = channel.deliver(notification);
        // A stop during the send interrupts it; the outcome (not delivered) must still be recorded.
        boolean interrupted = Thread.interrupted();
        try {
            if (outcome.delivered()) {
                log.info("Channel '{}': delivered {} ({} attempt(s))", channelName(), notification.idempotencyKey(),
                        outcome.attempts());
                finish(taken, DeliveryState.SENT, outcome.attempts(), null, clock.instant());
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
            pausedUntil = clock.instant().plus(settings.retryPause());
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Records the outcome. Insists while OpenSearch is down: a sent delivery not recorded as sent would be sent again
     * when its lease ends.
     */
    private void finish(List<Delivery> taken, DeliveryState state, int attempts, String error, Instant delivered) {
        for (Delivery delivery : taken) {
            Delivery done = delivery.with(state, delivery.attempts() + attempts, error, clock.instant(), delivered,
                    null);
            for (int tries = 1; ; tries++) {
                try {
                    deliveries.save(done);
                    break;
                } catch (RuntimeException e) {
                    if (tries >= 30) {
                        throw e;
                    }
                    log.warn("Channel '{}': could not record {} as {}: {}; retrying", channelName(), done.id(),
                            state, e.getMessage());
                    sleepQuietly(STORE_RETRY);
                }
            }
        }
    }

    static Notification notification(List<Delivery> taken) {
        Delivery first = taken.get(0);
        if (first.digestKey() == null) {
            return new Notification(Delivery.idempotencyKey(first.alert()), first.watchId(), first.watchName(),
                    List.of(first.alert()), first.recipients(), false);
        }
        // One line per alert in the digest: its latest state.
        Map<String, AlertRaised> latest = new LinkedHashMap<>();
        for (Delivery delivery : taken) {
            latest.remove(delivery.alertId());
            latest.put(delivery.alertId(), delivery.alert());
        }
        return new Notification("digest:" + sha256(first.digestKey()), first.watchId(), first.watchName(),
                List.copyOf(latest.values()), first.recipients(), true);
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
