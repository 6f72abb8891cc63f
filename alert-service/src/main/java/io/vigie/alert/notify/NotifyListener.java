package io.vigie.alert.notify;

import io.vigie.alert.notify.channel.ChannelRegistry;
import io.vigie.alert.notify.delivery.Delivery;
import io.vigie.alert.notify.delivery.DeliveryRepository;
import io.vigie.alert.notify.delivery.DeliveryState;
import io.vigie.alert.notify.delivery.DeliveryWorkers;
import io.vigie.alert.notify.route.PlannedDelivery;
import io.vigie.alert.notify.route.RoutePlanner;
import io.vigie.alert.watch.WatchDirectory;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.WatchDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns each alert into delivery records, one per channel its routes name, and stores them before the offset is
 * committed (the container commits after this method returns; a failed store is retried, see
 * {@link NotifyConfiguration}). It never sends anything itself: each channel's worker does, so a channel that is down
 * delays neither the other channels nor this consumer. Its own consumer group, apart from the history's.
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
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong lastSeq = new AtomicLong();
    private volatile boolean watchesChecked;

    NotifyListener(NotifyProperties settings, ChannelRegistry channels, DeliveryRepository deliveries,
                   DeliveryWorkers workers, WatchDirectory watches, JsonMapper json) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.workers = workers;
        this.watches = watches;
        this.json = json;
        this.planner = new RoutePlanner(settings.defaultRoutes(), channels.names(), settings.dailyDigestAt());
    }

    @KafkaListener(id = "alert-notify", groupId = "${vigie.alert.notify.group:vigie-alert-notify}",
            topics = "${vigie.alert.notify.topic:alert-raised}",
            autoStartup = "${vigie.alert.notify.enabled:true}",
            containerFactory = NotifyConfiguration.CONTAINER_FACTORY)
    void onAlert(String payload) {
        AlertRaised alert;
        try {
            alert = json.readValue(payload, AlertRaised.class);
        } catch (JacksonException e) {
            log.error("Skipped an unreadable record on {}: {}", settings.topic(), e.getOriginalMessage());
            return;
        }
        WatchDefinition watch = watch(alert.watchId());
        Instant now = clock.instant();
        List<PlannedDelivery> planned = planner.plan(alert, watch, now);
        Instant raised = alert.raisedAt() != null ? alert.raisedAt() : now;
        boolean tooOld = raised.isBefore(now.minus(settings.maxAlertAge()));
        for (PlannedDelivery plan : planned) {
            Delivery delivery = new Delivery(Delivery.id(alert, plan.channel()), alert.id(), alert.watchId(),
                    watch == null ? null : watch.name(), alert.effectiveStatus(), alert.severity(), plan.channel(),
                    plan.recipients(), tooOld ? DeliveryState.SKIPPED : DeliveryState.PENDING, 0,
                    tooOld ? "raised at " + raised + ", longer ago than max-alert-age " + settings.maxAlertAge()
                            : null,
                    nextSeq(now), now, plan.dueAt(), plan.digestKey(), now, null, null, alert);
            if (deliveries.createIfAbsent(delivery) && !tooOld) {
                workers.wakeUp(plan.channel());
            }
        }
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
