package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@code vigie-deliveries} from growing for ever: deletes the records in a final state whose last change is older
 * than {@code delivery-retention}, a minute after start and then every hour. OpenSearch down or refusing only delays
 * the cleanup to the next run (a warning says so); the service goes on. Every replica runs it without coordination:
 * the delete is one idempotent request that leaves alone records changed meanwhile, see
 * {@link DeliveryRepository#deleteFinishedBefore}. It runs also with notifications disabled: the records made before
 * still expire.
 */
@Component
public class DeliveryPruner implements SmartLifecycle {

    static final Duration FIRST_RUN = Duration.ofMinutes(1);
    static final Duration EVERY = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(DeliveryPruner.class);

    private final DeliveryRepository deliveries;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public DeliveryPruner(DeliveryRepository deliveries, NotifyProperties settings, Clock clock) {
        this.deliveries = deliveries;
        this.retention = settings.deliveryRetention();
        this.clock = clock;
    }

    /**
     * Deletes the final records last changed longer than {@code delivery-retention} ago.
     *
     * @return how many were deleted; empty when OpenSearch could not do it this time
     */
    public OptionalLong prune() {
        Instant cutoff = clock.instant().minus(retention);
        try {
            long deleted = deliveries.deleteFinishedBefore(cutoff);
            if (deleted > 0) {
                log.info("Deleted {} delivery records sent, failed or skipped before {} (delivery-retention {})",
                        deleted, cutoff, retention);
            }
            return OptionalLong.of(deleted);
        } catch (RuntimeException e) {
            log.warn("Could not delete the delivery records older than {} (delivery-retention): {}; nothing is lost,"
                    + " trying again in {} min (check that OpenSearch is up: OPENSEARCH_URL)", retention,
                    DeliveryWorker.describe(e), EVERY.toMinutes());
            return OptionalLong.empty();
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "notify-prune");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::prune, FIRST_RUN.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
