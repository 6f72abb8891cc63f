package io.vigie.ingest.source;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.SourcePolled;
import io.vigie.ingest.config.HumanUnits;
import io.vigie.ingest.cursor.PollingProperties;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.PublishReport;
import io.vigie.ingest.source.http.SourceCircuitOpenException;
import io.vigie.ingest.source.http.SourceRateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Polls every source instance this process owns at its own interval: the shortest {@code pollInterval} of the active
 * watches it serves, its connector's default for watches that set none. The interval is read again at every tick, so
 * a watch changed at runtime moves the next poll of its instances (counted from the end of the last one) without a
 * restart; a source that asked to slow down is still not called before the time it gave. Each instance is its own task on a
 * pool of {@code vigie.ingest.polling.concurrency} threads and is never polled twice at once, so a slow or hanging
 * source holds one thread and delays no other. A failing instance is logged, counted, announced on
 * {@code source-polled} and polled again at its next turn (not before the time a rate-limited source gave). Runs as a lifecycle bean, so it starts after the Kafka
 * topics and cursors are ready and stops before the producer is closed.
 */
@Component
public class SourcePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SourcePoller.class);

    private final List<Connector> connectors;
    private final MentionPipeline pipeline;
    private final SourceCursors cursors;
    private final SourceHealthRegistry health;
    private final SourceHealthEvents events;
    private final PollingProperties settings;
    private final Clock clock;
    /** End of the last poll of each instance. */
    private final Map<String, Instant> lastPolledAt = new ConcurrentHashMap<>();
    /** Time before which a rate-limited instance must not be called. */
    private final Map<String, Instant> notBefore = new ConcurrentHashMap<>();
    /** Interval each owned instance is polled at, as of the last tick. */
    private final Map<String, Duration> intervals = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> listingFailedAt = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;

    @Autowired
    public SourcePoller(List<Connector> connectors, MentionPipeline pipeline, SourceCursors cursors,
                        SourceHealthRegistry health, SourceHealthEvents events, PollingProperties settings, Clock clock) {
        this.connectors = List.copyOf(connectors);
        this.pipeline = pipeline;
        this.cursors = cursors;
        this.health = health;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** A poller that announces nothing, with the default settings (tests, tools). */
    public SourcePoller(List<Connector> connectors, MentionPipeline pipeline, SourceCursors cursors,
                        SourceHealthRegistry health, Clock clock) {
        this(connectors, pipeline, cursors, health, SourceHealthEvents.NONE, PollingProperties.defaults(), clock);
    }

    @Override
    public synchronized void start() {
        AtomicInteger threads = new AtomicInteger();
        workers = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), task -> {
            Thread thread = new Thread(task, "source-poller-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "source-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::dispatchDue, 0, settings.tick().toMillis(), TimeUnit.MILLISECONDS);
        for (Connector connector : connectors) {
            log.info("source '{}': polling every {} unless a watch sets a shorter pollInterval", connector.type(),
                    HumanUnits.of(connector.pollInterval()));
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            workers.shutdownNow();
            scheduler = null;
            workers = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** One cycle over all owned instances of a connector, one after the other, now (tests and tools). */
    public void pollOnce(Connector connector) {
        for (SourceInstance instance : ownedInstances(connector)) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            run(new Turn(connector, instance, instance.pollIntervalOr(connector.pollInterval())));
        }
    }

    /** Polls, on the calling thread, every owned instance whose turn has come (tests and tools). */
    public void pollDue() {
        for (Turn turn : due(clock.instant())) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            run(turn);
        }
    }

    /** Hands every owned, idle instance whose turn has come to the pool. */
    private void dispatchDue() {
        ExecutorService pool = workers;
        for (Turn turn : due(clock.instant())) {
            String id = turn.instance().id();
            if (!inFlight.add(id)) {
                continue;
            }
            try {
                pool.execute(() -> {
                    try {
                        run(turn);
                    } finally {
                        inFlight.remove(id);
                    }
                });
            } catch (RuntimeException stopping) {
                inFlight.remove(id);
                return;
            }
        }
    }

    /** One poll of an instance at the interval its watches ask for. */
    private record Turn(Connector connector, SourceInstance instance, Duration interval) {
    }

    /** Owned instances whose interval has passed since their last poll and that no rate limit holds back. */
    private List<Turn> due(Instant now) {
        List<Turn> due = new ArrayList<>();
        for (Connector connector : connectors) {
            for (SourceInstance instance : ownedInstances(connector)) {
                Duration interval = instance.pollIntervalOr(connector.pollInterval());
                noteInterval(instance, interval);
                Instant last = lastPolledAt.get(instance.id());
                Instant held = notBefore.get(instance.id());
                if ((last == null || !now.isBefore(last.plus(interval))) && (held == null || !now.isBefore(held))) {
                    due.add(new Turn(connector, instance, interval));
                }
            }
        }
        return due;
    }

    private void noteInterval(SourceInstance instance, Duration interval) {
        Duration previous = intervals.put(instance.id(), interval);
        if (previous != null && !previous.equals(interval)) {
            log.info("source '{}': now polled every {} (was {}): the watches it serves changed", instance.id(),
                    HumanUnits.of(interval), HumanUnits.of(previous));
            health.pollIntervalChanged(instance.id(), interval);
        }
    }

    private void run(Turn turn) {
        String id = turn.instance().id();
        Instant held = null;
        try {
            held = poll(turn.connector(), turn.instance(), turn.interval());
        } finally {
            lastPolledAt.put(id, clock.instant());
            if (held == null) {
                notBefore.remove(id);
            } else {
                notBefore.put(id, held);
            }
        }
    }

    private List<SourceInstance> ownedInstances(Connector connector) {
        try {
            List<SourceInstance> owned = connector.instances().stream().filter(cursors::owns).toList();
            listingFailedAt.remove(connector.type());
            return owned;
        } catch (RuntimeException e) {
            // Asked at every tick: say it once per poll interval, not every second.
            Instant now = clock.instant();
            Instant said = listingFailedAt.get(connector.type());
            if (said == null || !now.isBefore(said.plus(connector.pollInterval()))) {
                listingFailedAt.put(connector.type(), now);
                log.error("source '{}': cannot list what to poll; retrying at the next turn", connector.type(), e);
            }
            return List.of();
        }
    }

    /** @return when the source asked not to be called before (rate limit), or null */
    private Instant poll(Connector connector, SourceInstance instance, Duration interval) {
        Instant startedAt = clock.instant();
        FetchResult fetch = null;
        PublishReport report = PublishReport.NOTHING;
        String outcome;
        String error = null;
        Instant notBefore = null;
        try {
            fetch = connector.fetch(instance, cursors.get(instance));
            report = pipeline.publish(fetch.mentions());
            if (report.failed() == 0) {
                cursors.advance(instance, fetch.nextCursor());
            }
            outcome = fetch.notModified() ? SourceHealth.NOT_MODIFIED : SourceHealth.OK;
        } catch (SourceRateLimitedException e) {
            notBefore = e.retryAt();
            outcome = SourceHealth.RATE_LIMITED;
            error = e.getMessage();
            log.info("source '{}': {}", instance.id(), e.getMessage());
        } catch (SourceCircuitOpenException e) {
            outcome = SourceHealth.CIRCUIT_OPEN;
            error = e.getMessage();
            log.debug("source '{}': {}", instance.id(), e.getMessage());
        } catch (SourceFetchException e) {
            outcome = SourceHealth.ERROR;
            error = e.getMessage();
            log.warn("source '{}': {}; retrying in {}", instance.id(), e.getMessage(), HumanUnits.of(interval));
        } catch (RuntimeException e) {
            outcome = SourceHealth.ERROR;
            error = "unexpected error: " + e;
            log.error("source '{}': unexpected error, retrying in {}", instance.id(), HumanUnits.of(interval), e);
        }
        Instant endedAt = clock.instant();
        List<MentionIngested> mentions = fetch == null ? List.of() : fetch.mentions();
        List<Instant> itemTimes = mentions.stream().map(MentionIngested::publishedAt).filter(Objects::nonNull).toList();
        health.record(instance, startedAt, outcome, error, fetch == null ? Map.of() : fetch.issues(), report, itemTimes,
                interval);
        SourceHealth now = health.get(instance.id());
        String finalOutcome = now == null ? outcome : now.lastOutcome();
        events.polled(new SourcePolled(SourcePolled.SCHEMA_VERSION, instance.id(), instance.type(), watchIds(mentions),
                mentions.size(), report.published(), itemTimes.stream().max(Instant::compareTo).orElse(null),
                finalOutcome, now == null ? error : now.lastError(), endedAt, Duration.between(startedAt, endedAt).toMillis()));
        if (fetch != null) {
            logPoll(instance, fetch, report, Duration.between(startedAt, endedAt));
        }
        return notBefore;
    }

    /** Watches the connector bound the items to; empty for connectors that leave matching to the pipeline. */
    private static List<String> watchIds(List<MentionIngested> mentions) {
        return mentions.stream().flatMap(mention -> mention.watchIds() == null ? java.util.stream.Stream.<String>empty()
                : mention.watchIds().stream()).distinct().sorted().toList();
    }

    private static String issues(Map<EntryIssue, Integer> issues) {
        if (issues.isEmpty()) {
            return "";
        }
        return issues.entrySet().stream().map(issue -> issue.getKey().code() + "=" + issue.getValue())
                .collect(Collectors.joining(", ", ", entries skipped or repaired: ", ""));
    }

    private static void logPoll(SourceInstance instance, FetchResult fetch, PublishReport report, Duration took) {
        if (fetch.notModified()) {
            log.debug("source '{}': not modified ({} ms)", instance.id(), took.toMillis());
            return;
        }
        log.info("source '{}': {} entries, {} published, {} already published, {} matching no watch{}{} ({} ms)",
                instance.id(), fetch.mentions().size(), report.published(), report.duplicates(), report.unmatched(),
                report.failed() > 0 ? ", " + report.failed() + " not acknowledged (retried next poll)" : "",
                issues(fetch.issues()), took.toMillis());
    }
}
