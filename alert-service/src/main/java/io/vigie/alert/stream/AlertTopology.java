package io.vigie.alert.stream;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.CrisisVocabulary;
import io.vigie.alert.detect.WatchProfiles;
import io.vigie.alert.window.MentionSignal;
import io.vigie.alert.window.MentionTally;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.MentionScored;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Scored mentions in, alerts out: one record per watch of each mention, re-keyed by watch so all of a watch's state
 * lives in one task; counted in tumbling event-time windows, whose store doubles as the watch's history; each window
 * update evaluated against that history by {@link WatchAlertProcessor}.
 */
public class AlertTopology {

    static final String WINDOW_TALLIES_STORE = "watch-window-tallies";

    private static final Logger log = LoggerFactory.getLogger(AlertTopology.class);

    private final AlertProperties properties;
    private final AlertEngine engine;
    private final CrisisVocabulary crisisVocabulary;
    private final WatchProfiles watchProfiles;

    public AlertTopology(AlertProperties properties, AlertEngine engine, CrisisVocabulary crisisVocabulary,
                         WatchProfiles watchProfiles) {
        this.properties = properties;
        this.engine = engine;
        this.crisisVocabulary = crisisVocabulary;
        this.watchProfiles = watchProfiles;
    }

    public KStream<String, AlertRaised> raiseAlerts(KStream<String, MentionScored> mentions) {
        AlertProperties.Window window = properties.window();
        int samples = window.sampleMentions();
        return mentions
                .flatMap((key, scored) -> signalPerWatch(scored), Named.as("signal-per-watch"))
                .groupByKey(Grouped.with("mentions-by-watch", Serdes.String(), JsonSerdes.of(MentionSignal.class)))
                .windowedBy(TimeWindows.ofSizeAndGrace(window.size(), window.grace()))
                .aggregate(() -> MentionTally.EMPTY,
                        (watch, signal, tally) -> tally.add(signal, samples),
                        Named.as("tally-window"),
                        Materialized.<String, MentionTally, WindowStore<Bytes, byte[]>>as(WINDOW_TALLIES_STORE)
                                .withRetention(storeRetention())
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerdes.of(MentionTally.class)))
                .toStream(Named.as("window-updates"))
                .process(new WatchAlertProcessor.Supplier(properties, engine, watchProfiles), Named.as("evaluate-window"),
                        WINDOW_TALLIES_STORE);
    }

    /**
     * The window tallies are also the history the baselines are computed from: they are kept for the history
     * retention (and at least as long as a window can still receive late mentions).
     */
    private Duration storeRetention() {
        AlertProperties.Window window = properties.window();
        Duration history = properties.history().retention().plus(window.size());
        Duration open = window.size().plus(window.grace());
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
