package io.vigie.alert.notify;

import io.vigie.alert.kafka.StoreErrorHandlers;
import io.vigie.alert.notify.channel.ChannelRegistry;
import io.vigie.alert.notify.delivery.Delivery;
import io.vigie.alert.notify.delivery.DeliveryRepository;
import io.vigie.alert.notify.delivery.DeliveryState;
import io.vigie.alert.notify.delivery.DeliveryStoreException;
import io.vigie.alert.notify.delivery.DeliveryWorkers;
import io.vigie.alert.notify.delivery.StoredDelivery;
import io.vigie.alert.notify.route.PlannedDelivery;
import io.vigie.alert.notify.route.RoutePlanner;
import io.vigie.alert.watch.WatchDirectory;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.WatchDefinition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns each alert into delivery records, one per channel its routes name, and stores them before the offset is
 * committed (the container commits after this method returns; a failed store is retried, see
 * {@link NotifyConfiguration}). It never sends anything itself: it hands the deliveries due now to their channel's
 * worker, so a channel that is down delays neither the other channels nor this consumer. Its own consumer group, apart
 * from the history's.
 */
@Component
class NotifyListener {

    private static final Logger log = LoggerFactory.getLogger(NotifyListener.class);

    private final NotifyProperties settings;
    private final DeliveryRepository deliveries;
    private final DeliveryWorkers workers;
    private final WatchDirectory watches;
    private final RoutePlanner planner;
    private final JsonMapper json;
    private final Clock clock;
    private final AtomicLong lastSeq = new AtomicLong();
    private volatile boolean watchesChecked;

    NotifyListener(NotifyProperties settings, ChannelRegistry channels, DeliveryRepository deliveries,
                   DeliveryWorkers workers, WatchDirectory watches, JsonMapper json, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.deliveries = deliveries;
        this.workers = workers;
        this.watches = watches;
        this.json = json;
        this.planner = new RoutePlanner(settings.defaultRoutes(), channels.names(), settings.dailyDigestAt());
    }

    /**
     * The alerts of one poll, their deliveries stored in one request: one request per alert queued the alerts of a
     * crisis behind each other, seconds on a busy OpenSearch (ADR 0026).
     *
     * <p>When OpenSearch is unreachable or overloaded the whole batch waits for it. When it refuses a document (or a
     * bug fails), the alerts are stored one at a time to find the one at fault: those before it are stored and their
     * offsets committed, it alone is retried a bounded number of times then given up on, and those after it go on.
     */
    @KafkaListener(id = "alert-notify", groupId = "${vigie.alert.notify.group:vigie-alert-notify}",
            topics = "${vigie.alert.notify.topic:alert-raised}",
            autoStartup = "${vigie.alert.notify.enabled:true}",
            containerFactory = NotifyConfiguration.CONTAINER_FACTORY, batch = "true")
    void onAlerts(List<ConsumerRecord<String, String>> records) {
        try {
            store(records);
        } catch (RuntimeException e) {
            if (records.size() == 1 || NotifyConfiguration.unavailable(e)) {
                // Retried from the first record on: until OpenSearch answers, or a bounded number of times.
                throw new BatchListenerFailedException(e.getMessage(), e, records.get(0));
            }
            for (ConsumerRecord<String, String> record : records) {
                try {
                    store(List.of(record));
                } catch (RuntimeException single) {
                    throw new BatchListenerFailedException(single.getMessage(), single, record);
                }
            }
        }
    }

    private void store(List<ConsumerRecord<String, String>> records) {
        Instant now = clock.instant();
        List<Delivery> planned = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            AlertRaised alert = read(record.value());
            if (alert != null) {
                planned.addAll(plan(alert, now, null));
            }
        }
        // One request; records that exist (a re-read alert: new group, lost offsets) are left as they are.
        List<StoredDelivery> created;
        try {
            created = deliveries.createAll(planned);
        } catch (DeliveryStoreException e) {
            // Those stored were perhaps created taken: their worker must have them, retried or not.
            handOver(e.storedAnyway(), now);
            throw e;
        }
        handOver(created, now);
    }

    private void handOver(List<StoredDelivery> created, Instant now) {
        Map<String, List<StoredDelivery>> dueNow = new LinkedHashMap<>();
        for (StoredDelivery stored : created) {
            Delivery delivery = stored.delivery();
            if (delivery.state() == DeliveryState.SENDING
                    || delivery.state() == DeliveryState.PENDING && !delivery.dueAt().isAfter(now)) {
                dueNow.computeIfAbsent(delivery.channel(), channel -> new ArrayList<>()).add(stored);
            }
        }
        dueNow.forEach(workers::handOver);
    }

    /**
     * The deliveries of an alert could not be stored after {@code max-store-attempts} (OpenSearch refused them, or a
     * bug): says so and records them as failed, with the reason, when OpenSearch takes that at least, so that the
     * partition goes on.
     */
    void giveUp(ConsumerRecord<?, ?> record, Exception failure) {
        Throwable cause = StoreErrorHandlers.cause(failure);
        String reason = cause.getMessage() == null ? cause.getClass().getName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        log.error("Notification consumer: gave up on the alert at {}-{}@{} after {} attempts, it will not be notified:"
                        + " {}", record.topic(), record.partition(), record.offset(), settings.maxStoreAttempts(),
                reason, cause);
        try {
            AlertRaised alert = record.value() instanceof String payload ? read(payload) : null;
            if (alert != null) {
                deliveries.createAll(plan(alert, clock.instant(), "not stored after " + settings.maxStoreAttempts()
                        + " attempts: " + reason));
            }
        } catch (RuntimeException e) {
            log.error("Notification consumer: could not record the alert at {}-{}@{} as failed either: {}",
                    record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    private AlertRaised read(String payload) {
        if (payload == null) {
            log.warn("Skipped an empty record on {}", settings.topic());
            return null;
        }
        try {
            return json.readValue(payload, AlertRaised.class);
        } catch (JacksonException e) {
            log.error("Skipped an unreadable record on {}: {}", settings.topic(), e.getOriginalMessage());
            return null;
        }
    }

    /** @param failure null, or why these deliveries are recorded as failed instead of pending */
    private List<Delivery> plan(AlertRaised alert, Instant now, String failure) {
        WatchDefinition watch = watch(alert.watchId());
        Instant raised = alert.raisedAt() != null ? alert.raisedAt() : now;
        boolean tooOld = raised.isBefore(now.minus(settings.maxAlertAge()));
        DeliveryState state = failure != null ? DeliveryState.FAILED
                : tooOld ? DeliveryState.SKIPPED : DeliveryState.PENDING;
        String why = failure != null ? failure
                : tooOld ? "raised at " + raised + ", longer ago than max-alert-age " + settings.maxAlertAge() : null;
        List<Delivery> batch = new ArrayList<>();
        for (PlannedDelivery plan : planner.plan(alert, watch, now)) {
            // Due now and its worker sends at once: created taken for it (ADR 0027), one request less before the send.
            boolean taken = state == DeliveryState.PENDING && !plan.dueAt().isAfter(now)
                    && workers.takesHandOversNow(plan.channel());
            batch.add(new Delivery(Delivery.id(alert, plan.channel()), alert.id(), alert.watchId(),
                    watch == null ? null : watch.name(), alert.effectiveStatus(), alert.severity(), plan.channel(),
                    plan.recipients(), taken ? DeliveryState.SENDING : state, 0, why, nextSeq(now), now,
                    plan.dueAt(), plan.digestKey(), now, null, taken ? now.plus(settings.lease()) : null, alert));
        }
        return batch;
    }

    private WatchDefinition watch(String watchId) {
        if (!watchesChecked) {
            Duration wait = settings.watchCatchUp();
            if (!watches.awaitCaughtUp(wait)) {
                log.warn("The watch list was not read within {}: routing with the watches read so far", wait);
            }
            watchesChecked = true;
        }
        return watches.find(watchId).orElse(null);
    }

    /** Creation order across restarts: microseconds since the epoch, strictly increasing within this process. */
    private long nextSeq(Instant now) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        return lastSeq.updateAndGet(previous -> Math.max(previous + 1, micros));
    }
}
