package io.vigie.ingest.source;

import io.vigie.ingest.config.HumanUnits;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.PublishReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Polls every connector's instances at the connector's interval. A failing instance is logged, counted and
 * polled again at the next cycle; it never stops the others. Runs as a lifecycle bean, so it starts after the
 * Kafka topics have been created and stops before the producer is closed.
 */
@Component
public class SourcePoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SourcePoller.class);

    private final List<Connector> connectors;
    private final MentionPipeline pipeline;
    private final SourceCursors cursors;
    private final SourceHealthRegistry health;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public SourcePoller(List<Connector> connectors, MentionPipeline pipeline, SourceCursors cursors,
                        SourceHealthRegistry health, Clock clock) {
        this.connectors = List.copyOf(connectors);
        this.pipeline = pipeline;
        this.cursors = cursors;
        this.health = health;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        AtomicInteger threads = new AtomicInteger();
        scheduler = Executors.newScheduledThreadPool(Math.max(1, connectors.size()), task -> {
            Thread thread = new Thread(task, "source-poller-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (Connector connector : connectors) {
            Duration interval = connector.pollInterval();
            scheduler.scheduleWithFixedDelay(() -> pollOnce(connector), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            log.info("source '{}': polling every {}", connector.type(), HumanUnits.of(interval));
        }
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

    /** One cycle over all instances of a connector, one after the other. */
    public void pollOnce(Connector connector) {
        List<SourceInstance> instances;
        try {
            instances = connector.instances();
        } catch (RuntimeException e) {
            log.error("source '{}': cannot list what to poll; retrying next cycle", connector.type(), e);
            return;
        }
        for (SourceInstance instance : instances) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            poll(connector, instance);
        }
    }

    private void poll(Connector connector, SourceInstance instance) {
        Instant startedAt = clock.instant();
        try {
            FetchResult fetch = connector.fetch(instance, cursors.get(instance));
            PublishReport report = pipeline.publish(fetch.mentions());
            if (report.failed() == 0) {
                cursors.advance(instance, fetch.nextCursor());
            }
            health.recordPoll(instance, startedAt, fetch.notModified(), fetch.issues(), report);
            logPoll(instance, fetch, report, Duration.between(startedAt, clock.instant()));
        } catch (SourceFetchException e) {
            health.recordError(instance, startedAt, e.getMessage());
            log.warn("source '{}': {}; retrying in {}", instance.id(), e.getMessage(), HumanUnits.of(connector.pollInterval()));
        } catch (RuntimeException e) {
            health.recordError(instance, startedAt, "unexpected error: " + e);
            log.error("source '{}': unexpected error, retrying in {}", instance.id(), HumanUnits.of(connector.pollInterval()), e);
        }
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
