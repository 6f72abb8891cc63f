package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.alert.notify.channel.ChannelRegistry;
import io.vigie.alert.notify.channel.NotificationChannel;
import io.vigie.alert.notify.channel.ResilientChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link DeliveryWorker} per channel (a dispatcher thread and its senders). They start after OpenSearch is reachable enough to search (a failing
 * search only pauses the worker) and pick up whatever was pending when the service stopped.
 */
@Component
public class DeliveryWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    /** Rounds of the delivery store's warm-up and probe records per round (ADR 0030). */
    private static final int STORE_WARM_UP_ROUNDS = 20;
    private static final int STORE_WARM_UP_DELIVERIES = 10;

    private final ChannelRegistry channels;
    private final DeliveryRepository deliveries;
    private final NotifyProperties settings;
    private final Clock clock;
    private final Map<String, DeliveryWorker> workers = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new LinkedHashMap<>();
    private volatile boolean running;

    public DeliveryWorkers(ChannelRegistry channels, DeliveryRepository deliveries, NotifyProperties settings,
                           Clock clock) {
        this.channels = channels;
        this.clock = clock;
        this.deliveries = deliveries;
        this.settings = settings;
    }

    /**
     * Whether deliveries of {@code channel} due now would be sent at once when handed over: the consumer then creates
     * them already taken ({@code sending}, leased), which spares the worker a request to OpenSearch before the send.
     */
    public boolean takesHandOversNow(String channel) {
        DeliveryWorker worker = workers.get(channel);
        return worker != null && worker.takesHandOversNow();
    }

    /** Hands deliveries just stored and due now to their channel's worker, which sends them without searching. */
    public void handOver(String channel, List<StoredDelivery> stored) {
        DeliveryWorker worker = workers.get(channel);
        if (worker != null && !stored.isEmpty()) {
            worker.handOver(stored);
            return;
        }
        // Stopped since they were created taken for it: pending again, for the next start or another replica.
        DeliveryWorker.giveBack(deliveries, channel, stored.stream()
                .filter(delivery -> delivery.delivery().state() == DeliveryState.SENDING).toList(), clock);
    }

    @Override
    public synchronized void start() {
        if (running || !settings.enabled()) {
            return;
        }
        for (ResilientChannel channel : channels.all()) {
            String name = channel.channel().name();
            DeliveryWorker worker = new DeliveryWorker(channel, deliveries, settings, clock);
            workers.put(name, worker);
            Thread thread = new Thread(worker, "notify-" + name);
            thread.setDaemon(true);
            thread.start();
            threads.put(name, thread);
        }
        running = true;
        List<NotificationChannel> all = channels.all().stream().map(ResilientChannel::channel).toList();
        Thread warmUp = new Thread(() -> {
            warmUpStore();
            all.forEach(DeliveryWorkers::warmUp);
        }, "notify-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Best effort, beside the workers, as the channels' own warm-up. */
    private void warmUpStore() {
        long started = System.nanoTime();
        try {
            deliveries.warmUp(STORE_WARM_UP_ROUNDS, STORE_WARM_UP_DELIVERIES, clock.instant());
            log.debug("Delivery store warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.info("Delivery store: warm-up skipped ({}); the first notifications may take a little longer",
                    DeliveryWorker.describe(e));
        }
    }

    /** Best effort, beside the workers: a delivery that comes first is sent at once, only slower. */
    private static void warmUp(NotificationChannel channel) {
        long started = System.nanoTime();
        try {
            channel.warmUp();
            log.debug("Channel '{}' warmed up in {} ms", channel.name(), (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.info("Channel '{}': warm-up skipped ({}); its first notification may take a little longer",
                    channel.name(), DeliveryWorker.describe(e));
        }
    }

    @Override
    public synchronized void stop() {
        workers.values().forEach(DeliveryWorker::stop);
        // Interrupt backoff waits; sends were interrupted by stop(), and record their delivery as pending again.
        threads.values().forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (Thread thread : threads.values()) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (DeliveryWorker worker : workers.values()) {
            try {
                worker.awaitSenders(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
        workers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
