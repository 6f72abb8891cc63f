package io.vigie.ingest.source.demo;

import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionSource;
import io.vigie.ingest.config.HumanUnits;
import io.vigie.ingest.config.IngestProperties;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.PublishReport;
import io.vigie.ingest.source.EntryIssue;
import io.vigie.ingest.source.SourceHealthRegistry;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.watch.WatchRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays the demo dataset for one watch: at start, the history (negative offsets) is published at once,
 * backdated to {@code replayStart + offset}; then each live line is published when its time comes. Ids are
 * {@code MentionId.of("demo", nativeId)}, so a restart republishes the same mentions, which downstream overwrite
 * themselves.
 */
@Component
@ConditionalOnBooleanProperty("vigie.ingest.demo.enabled")
public class DemoReplay implements SmartLifecycle {

    static final String SOURCE_TYPE = "demo";

    private static final Logger log = LoggerFactory.getLogger(DemoReplay.class);
    private static final int PROGRESS_EVERY = 10;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(10);

    private final DemoDataset dataset;
    private final String watchId;
    private final double speed;
    private final SourceInstance instance;
    private final MentionPipeline pipeline;
    private final SourceHealthRegistry health;
    private final Clock clock;
    private final AtomicBoolean replayed = new AtomicBoolean();
    private final AtomicInteger livePublished = new AtomicInteger();
    private ScheduledExecutorService scheduler;

    public DemoReplay(IngestProperties properties, WatchRepository watches, ResourceLoader resources, JsonMapper json,
                      MentionPipeline pipeline, SourceHealthRegistry health, Clock clock) {
        IngestProperties.Demo demo = properties.demo();
        if (watches.find(demo.watchId()).isEmpty()) {
            throw new IllegalStateException("vigie.ingest.demo.watch-id is '" + demo.watchId()
                    + "' but no such watch is configured; add it under vigie.ingest.watches");
        }
        if (!(demo.speed() > 0)) {
            throw new IllegalStateException("vigie.ingest.demo.speed must be positive (1 = real time), got " + demo.speed());
        }
        this.dataset = DemoDataset.read(resources.getResource(demo.dataset()), json);
        this.watchId = demo.watchId();
        this.speed = demo.speed();
        this.instance = new SourceInstance(SOURCE_TYPE, SOURCE_TYPE, demo.dataset());
        this.pipeline = pipeline;
        this.health = health;
        this.clock = clock;
    }

    /** Starts the replay once per process: a second start (a lifecycle restart) publishes nothing again. */
    @Override
    public synchronized void start() {
        if (!replayed.compareAndSet(false, true)) {
            log.info("demo: already replayed by this process, not publishing it twice");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "demo-replay");
            thread.setDaemon(true);
            return thread;
        });
        Instant replayStart = clock.instant();
        scheduler.execute(() -> replay(replayStart));
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

    private void replay(Instant replayStart) {
        List<DemoLine> history = dataset.history();
        List<DemoLine> live = dataset.live();
        Instant fetchedAt = clock.instant();
        List<MentionIngested> backdated = history.stream()
                .map(line -> toMention(line, replayStart.plusSeconds(line.offsetSeconds()), fetchedAt))
                .toList();
        PublishReport report = pipeline.publish(backdated);
        health.recordPoll(instance, fetchedAt, false, dataset.issues(), report);
        Duration liveSpan = live.isEmpty() ? Duration.ZERO : scaled(live.get(live.size() - 1).offsetSeconds());
        log.info("demo: {} backdated mentions published for watch '{}' in {} ms{}; live part starts now: "
                        + "{} mentions over {} s",
                report.published(), watchId, Duration.between(fetchedAt, clock.instant()).toMillis(),
                report.failed() > 0 ? " (" + report.failed() + " not acknowledged: " + report.failure() + ")" : "",
                live.size(), liveSpan.toSeconds());
        if (report.failed() > 0) {
            retryLater(() -> republish(backdated));
        }
        for (DemoLine line : live) {
            Instant due = replayStart.plus(scaled(line.offsetSeconds()));
            long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis());
            schedule(() -> publishLive(line, due, live.size()), delay);
        }
    }

    /** Already acknowledged mentions are skipped as duplicates, so retrying the whole batch only sends the rest. */
    private void republish(List<MentionIngested> backdated) {
        PublishReport report = pipeline.publish(backdated);
        health.recordPoll(instance, clock.instant(), false, Map.of(), report);
        log.info("demo: retry published {} more backdated mentions{}", report.published(),
                report.failed() > 0 ? ", " + report.failed() + " still not acknowledged, retrying in " + HumanUnits.of(RETRY_DELAY) : "");
        if (report.failed() > 0) {
            retryLater(() -> republish(backdated));
        }
    }

    private void publishLive(DemoLine line, Instant due, int liveTotal) {
        // Stamped with its due time, not the original offset, so event time never runs ahead of the wall clock
        // when the live part is sped up.
        PublishReport report = pipeline.publish(List.of(toMention(line, due, clock.instant())));
        health.recordPoll(instance, due, false, Map.<EntryIssue, Integer>of(), report);
        if (report.failed() > 0) {
            retryLater(() -> publishLive(line, due, liveTotal));
            return;
        }
        int done = livePublished.addAndGet(report.published());
        if (done == liveTotal) {
            log.info("demo: replay complete, all {} live mentions published", liveTotal);
        } else if (report.published() > 0 && done % PROGRESS_EVERY == 0) {
            log.info("demo: {}/{} live mentions published", done, liveTotal);
        }
    }

    private void retryLater(Runnable task) {
        schedule(task, RETRY_DELAY.toMillis());
    }

    /** Does nothing once stopped: the service is shutting down and the replay ends with it. */
    private synchronized void schedule(Runnable task, long delayMillis) {
        if (scheduler != null) {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private Duration scaled(long offsetSeconds) {
        return Duration.ofMillis(Math.round(offsetSeconds * 1000 / speed));
    }

    private MentionIngested toMention(DemoLine line, Instant publishedAt, Instant fetchedAt) {
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of(SOURCE_TYPE, line.nativeId()),
                List.of(watchId), new MentionSource(SOURCE_TYPE, line.sourceName() == null ? "demo" : line.sourceName()),
                line.url(), line.author(), line.title(), line.text() == null ? "" : line.text(), line.lang(),
                publishedAt, fetchedAt, line.engagement(), line.rating());
    }
}
