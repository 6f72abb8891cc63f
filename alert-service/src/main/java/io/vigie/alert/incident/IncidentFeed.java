package io.vigie.alert.incident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fans every stored incident change out to this replica's live clients ({@code GET /api/alerts/stream}): the changes
 * every replica stored, as read from {@code incident-changed} ({@link IncidentChangeReader}), or this replica's own
 * with {@code fan-out: local}.
 *
 * <p>Publishing never waits for a client: each client has a bounded queue and its own sending thread, so a slow or
 * vanished client only fills its own queue; when full, that client is dropped (it reconnects with
 * {@code Last-Event-ID} and gets what it missed from the replay ring, or a {@code resync} event telling it to reload
 * the list). Event ids are {@code <boot>-<sequence>}: after a restart an old id is recognised as unknown.
 */
@Component
public class IncidentFeed implements SmartLifecycle {

    /** Sent instead of a replay when the client's last event is no longer known: reload the list. */
    static final String RESYNC = "resync";
    private static final String RESYNC_DATA = "{\"type\":\"resync\"}";

    private static final Logger log = LoggerFactory.getLogger(IncidentFeed.class);

    private final IncidentProperties.Stream settings;
    private final JsonMapper json;
    /** Unique per start, also among replicas started in the same millisecond; no '-' (ids split on the last one). */
    private final String boot = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    private final ArrayDeque<FeedEvent> ring = new ArrayDeque<>();
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threads = new AtomicInteger();
    private long sequence;
    private volatile boolean running;

    public IncidentFeed(IncidentProperties properties, JsonMapper json) {
        this.settings = properties.stream();
        this.json = json;
    }

    /** Where a client's events go: an SSE connection, or a test double. */
    interface EventSink {
        /** May block as long as the client is slow; never called from the publishing thread. */
        void send(FeedEvent event) throws IOException;

        void heartbeat() throws IOException;

        void close();
    }

    /**
     * @param id   the SSE event id
     * @param type the SSE event name: an {@link IncidentChange} wire name, or {@link #RESYNC}
     * @param data the JSON payload
     */
    record FeedEvent(String id, long sequence, String type, String data) {
    }

    /** The JSON payload of an event: what happened and the incident as it is now. */
    record Payload(String type, Incident incident) {
    }

    /** Pushes a change to every client; returns at once whatever the clients do. */
    public void publish(IncidentChange change, Incident incident) {
        append(change.wireName(), json.writeValueAsString(new Payload(change.wireName(), incident)));
    }

    /**
     * Tells every client, and every client replaying past this point, to reload the list: changes were lost on their
     * way to this feed (the fan-out topic was unreachable, or skipped records).
     */
    public void resync() {
        append(RESYNC, RESYNC_DATA);
    }

    private void append(String type, String data) {
        synchronized (this) {
            sequence++;
            FeedEvent event = new FeedEvent(boot + '-' + sequence, sequence, type, data);
            ring.addLast(event);
            while (ring.size() > settings.replay()) {
                ring.removeFirst();
            }
            for (Subscriber subscriber : subscribers) {
                if (!subscriber.offer(event)) {
                    subscribers.remove(subscriber);
                    if (subscriber.stopped) {
                        continue;
                    }
                    log.info("Live client dropped: {} events behind (vigie.alert.incidents.stream.client-buffer); it"
                            + " may reconnect with Last-Event-ID", settings.clientBuffer());
                    subscriber.stop();
                }
            }
        }
    }

    /**
     * Registers a client and starts sending to it: first what it missed since {@code lastEventId} (or a
     * {@code resync} event if that is no longer known), then every change.
     *
     * @return a handle to stop sending, or null when the server already has as many clients as it accepts
     */
    Subscription subscribe(EventSink sink, String lastEventId) {
        if (subscribers.size() >= settings.maxClients()) {
            return null;
        }
        Subscriber subscriber = new Subscriber(sink, settings.clientBuffer(), settings.heartbeat());
        synchronized (this) {
            if (lastEventId != null && !lastEventId.isBlank()) {
                List<FeedEvent> missed = missedSince(lastEventId.trim());
                if (missed == null || missed.size() > settings.clientBuffer()) {
                    subscriber.offer(new FeedEvent(boot + '-' + sequence, sequence, RESYNC, RESYNC_DATA));
                } else {
                    missed.forEach(subscriber::offer);
                }
            }
            subscribers.add(subscriber);
        }
        Thread thread = new Thread(subscriber, "incident-sse-" + threads.incrementAndGet());
        thread.setDaemon(true);
        subscriber.thread = thread;
        thread.start();
        return () -> {
            subscribers.remove(subscriber);
            subscriber.stop();
        };
    }

    int clients() {
        return subscribers.size();
    }

    /** @return the events after that id, or null when it is not one of this run's or fell out of the ring */
    private List<FeedEvent> missedSince(String lastEventId) {
        int dash = lastEventId.lastIndexOf('-');
        if (dash < 0 || !lastEventId.substring(0, dash).equals(boot)) {
            return null;
        }
        long last;
        try {
            last = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (last > sequence) {
            return null;
        }
        long oldestKept = ring.isEmpty() ? sequence + 1 : ring.peekFirst().sequence();
        if (last + 1 < oldestKept) {
            return null;
        }
        List<FeedEvent> missed = new ArrayList<>();
        for (FeedEvent event : ring) {
            if (event.sequence() > last) {
                missed.add(event);
            }
        }
        return missed;
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every live connection before the web server's graceful shutdown, which would otherwise wait for these
     * never-ending requests until its timeout. Clients reconnect to another instance, or to this one once restarted.
     */
    @Override
    public void stop() {
        running = false;
        for (Subscriber subscriber : subscribers) {
            subscriber.stop();
        }
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped first: before the web server (whose graceful shutdown waits for open requests). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** Stops sending to one client. */
    interface Subscription {
        void cancel();
    }

    /** One client: its queue, drained by its own thread so that only it waits when it is slow. */
    private final class Subscriber implements Runnable {

        private final EventSink sink;
        private final BlockingQueue<FeedEvent> queue;
        private final Duration heartbeat;
        private volatile boolean stopped;
        private volatile Thread thread;

        Subscriber(EventSink sink, int capacity, Duration heartbeat) {
            this.sink = sink;
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.heartbeat = heartbeat;
        }

        boolean offer(FeedEvent event) {
            return !stopped && queue.offer(event);
        }

        void stop() {
            stopped = true;
            Thread running = thread;
            if (running != null) {
                running.interrupt();
            }
        }

        @Override
        public void run() {
            try {
                while (!stopped) {
                    FeedEvent event = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                    if (stopped) {
                        break;
                    }
                    if (event == null) {
                        sink.heartbeat();
                    } else {
                        sink.send(event);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                // The client went away (or its connection broke): nothing to report beyond ending the stream.
                log.debug("Live client gone: {}", e.toString());
            } finally {
                stopped = true;
                subscribers.remove(this);
                sink.close();
            }
        }
    }
}
