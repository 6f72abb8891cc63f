package io.vigie.alert.stream;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.CrisisVocabulary;
import io.vigie.alert.detect.AlertMemory;
import io.vigie.alert.detect.WatchProfiles;
import io.vigie.alert.watch.SourceHeartbeats;
import io.vigie.alert.watch.WatchDirectory;
import io.vigie.alert.window.MentionSignal;
import io.vigie.alert.window.MentionTally;
import io.vigie.alert.window.SignalBatch;
import io.vigie.alert.window.WindowResolutions;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.MentionScored;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Scored mentions in, alerts out: one record per watch of each mention, re-keyed by watch so all of a watch's state
 * lives in one task; counted in tumbling event-time windows of each configured size, whose stores double as the
 * watch's history at that size; each window update evaluated against that history by {@link WatchAlertProcessor},
 * all sizes sharing the watch's alert memory, so one episode is one incident whichever size saw it.
 */
public class AlertTopology {

    static final String WINDOW_TALLIES_STORE = "watch-window-tallies";

    /** Signals of one watch and slice sent as one repartition record at most (a record stays well under 1 MB). */
    static final int COMBINED_BATCH = 500;
    /** Signals held before everything pending is sent, all watches of a task together. */
    static final int COMBINED_PENDING = 20_000;
    /** What is pending is sent at least this often (and before each commit): a small part of the latency budget. */
    static final Duration COMBINE_EVERY = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(AlertTopology.class);

    private final AlertProperties properties;
    private final WindowResolutions resolutions;
    private final CrisisVocabulary crisisVocabulary;
    private final WatchProfiles watchProfiles;
    private final WatchAlertProcessor.Settings settings;
    private final ReadingLag readingLag;

    public AlertTopology(AlertProperties properties, WindowResolutions resolutions, AlertEngine engine,
                         CrisisVocabulary crisisVocabulary, WatchProfiles watchProfiles, WatchDirectory watches,
                         SourceHeartbeats sources, ReadingLag readingLag) {
        this.properties = properties;
        this.readingLag = readingLag;
        this.resolutions = resolutions;
        this.crisisVocabulary = crisisVocabulary;
        this.watchProfiles = watchProfiles;
        this.settings = new WatchAlertProcessor.Settings(engine, watchProfiles, watches, sources,
                properties.history().retention(), properties.window().sampleMentions(), resolutions.closeDelay(),
                resolutions.closeCheck());
    }

    public KStream<String, AlertRaised> raiseAlerts(KStream<String, MentionScored> mentions) {
        AlertProperties.Window window = properties.window();
        int samples = window.sampleMentions();
        List<Duration> sizes = resolutions.sizes(window.size());
        var combining = new SignalCombiner.Settings(this::signalPerWatch, commonSlice(sizes), COMBINED_BATCH,
                COMBINED_PENDING, COMBINE_EVERY);
        Duration liveWithin = resolutions.liveWithin(window.size());
        // The repartition topic keeps its name (mentions-by-watch) from when groupByKey made it.
        KGroupedStream<String, SignalBatch> byWatch = mentions
                .processValues(liveCommits(liveWithin), Named.as("commit-when-live"))
                .process(new SignalCombiner.Supplier(combining), Named.as("signals-per-watch"))
                .repartition(Repartitioned.<String, SignalBatch>as("mentions-by-watch")
                        .withKeySerde(Serdes.String()).withValueSerde(new SignalBatchSerde()))
                .processValues(liveCommits(liveWithin), Named.as("commit-when-live-by-watch"))
                .groupByKey(Grouped.with(Serdes.String(), new SignalBatchSerde()));
        StoreBuilder<KeyValueStore<String, AlertMemory>> memory = WatchAlertProcessor.Supplier.memoryStore();
        KStream<String, AlertRaised> alerts = null;
        for (Duration size : sizes) {
            var resolution = WatchAlertProcessor.Resolution.of(size, size.equals(window.size()));
            String suffix = resolution.suffix();
            KStream<String, AlertRaised> raised = byWatch
                    .windowedBy(TimeWindows.ofSizeAndGrace(size, window.grace()))
                    .aggregate(() -> MentionTally.EMPTY,
                            (watch, batch, tally) -> tally.addAll(batch.signals(), samples),
                            Named.as("tally-window" + suffix),
                            Materialized.<String, MentionTally, WindowStore<Bytes, byte[]>>as(resolution.talliesStore())
                                    .withRetention(storeRetention(size))
                                    .withKeySerde(Serdes.String())
                                    .withValueSerde(new MentionTallySerde()))
                    .toStream(Named.as("window-updates" + suffix))
                    .process(new WatchAlertProcessor.Supplier(resolution, settings, memory),
                            Named.as("evaluate-window" + suffix), resolution.talliesStore());
            alerts = alerts == null ? raised : alerts.merge(raised, Named.as("alerts" + suffix));
        }
        return alerts;
    }

    private <V> LiveCommits<String, V> liveCommits(Duration liveWithin) {
        return new LiveCommits<>(liveWithin, resolutions.liveCommitEvery(), readingLag,
                resolutions.liveCommitMaxLag());
    }

    /** The longest slice of time that divides every window size: a slice then lies inside one window of each. */
    static Duration commonSlice(List<Duration> sizes) {
        long gcd = 0;
        for (Duration size : sizes) {
            gcd = java.math.BigInteger.valueOf(gcd).gcd(java.math.BigInteger.valueOf(size.toMillis())).longValue();
        }
        return Duration.ofMillis(gcd);
    }

    /**
     * The window tallies are also the history the baselines are computed from: they are kept for the history
     * retention (and at least as long as a window can still receive late mentions).
     */
    private Duration storeRetention(Duration size) {
        AlertProperties.Window window = properties.window();
        Duration history = properties.history().retention().plus(size);
        Duration open = size.plus(window.grace());
        return history.compareTo(open) >= 0 ? history : open;
    }

    /** One signal per watch of the mention; crisis terms are counted with each watch's own vocabulary. */
    private List<KeyValue<String, MentionSignal>> signalPerWatch(MentionScored scored) {
        if (scored == null || scored.mention() == null || scored.mention().id() == null) {
            log.warn("Skipped a mention-scored record without a mention id: it cannot be counted or cited in an alert");
            return List.of();
        }
        String text = scored.mention().title() == null ? scored.mention().text()
                : scored.mention().title() + "\n" + scored.mention().text();
        MentionSignal signal = MentionSignal.of(scored, crisisVocabulary.hits(text, List.of()));
        return scored.mention().watchIds().stream()
                .distinct()
                .map(watch -> {
                    List<String> ownTerms = watchProfiles.get(watch).crisisTerms();
                    return KeyValue.pair(watch, ownTerms.isEmpty() ? signal
                            : signal.withCrisisHits(crisisVocabulary.hits(text, ownTerms)));
                })
                .toList();
    }
}
