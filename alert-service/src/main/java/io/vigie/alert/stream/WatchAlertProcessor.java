package io.vigie.alert.stream;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.AlertMemory;
import io.vigie.alert.detect.WatchProfiles;
import io.vigie.alert.detect.WindowHistory;
import io.vigie.alert.window.MentionTally;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertRaised;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Evaluates each update of a watch's window against the watch's history: the earlier windows of the windowed
 * aggregation's store. What the alerting remembers (newest window, last alerts) lives in a store of its own. Both
 * are backed by changelog topics, so another instance that takes over the watch's partition has the same baselines.
 */
class WatchAlertProcessor implements Processor<Windowed<String>, MentionTally, String, AlertRaised> {

    static final String MEMORY_STORE = "watch-alert-memory";

    private static final Logger log = LoggerFactory.getLogger(WatchAlertProcessor.class);

    private final AlertEngine engine;
    private final WatchProfiles watchProfiles;
    private final Duration retention;
    private final int samples;
    private ProcessorContext<String, AlertRaised> context;
    private TimestampedWindowStore<String, MentionTally> tallies;
    private KeyValueStore<String, AlertMemory> memories;

    WatchAlertProcessor(AlertProperties properties, AlertEngine engine, WatchProfiles watchProfiles) {
        this.engine = engine;
        this.watchProfiles = watchProfiles;
        this.retention = properties.history().retention();
        this.samples = properties.window().sampleMentions();
    }

    @Override
    public void init(ProcessorContext<String, AlertRaised> context) {
        this.context = context;
        this.tallies = context.getStateStore(AlertTopology.WINDOW_TALLIES_STORE);
        this.memories = context.getStateStore(MEMORY_STORE);
    }

    @Override
    public void process(Record<Windowed<String>, MentionTally> update) {
        if (update.key() == null || update.value() == null) {
            return;
        }
        String watch = update.key().key();
        WindowStats current = WindowStats.of(watch, update.key().window().startTime(),
                update.key().window().endTime(), update.value(), samples);
        AlertMemory stored = memories.get(watch);
        AlertMemory memory = stored == null ? AlertMemory.empty() : stored;
        if (!memory.isLive(current.windowStart(), current.length())) {
            // A late mention for an old window: the store already counts it for the baseline; nothing to evaluate.
            return;
        }
        AlertEngine.Evaluation evaluation = engine.evaluate(current, earlierWindows(watch, current), memory,
                watchProfiles.get(watch), false);
        if (!evaluation.memory().equals(memory)) {
            memories.put(watch, evaluation.memory());
        }
        evaluation.alert().ifPresent(alert -> {
            log.info("Incident {} {} ({}): {}", alert.id(), alert.effectiveStatus(), alert.severity(), alert.summary());
            context.forward(update.withKey(watch).withValue(alert));
        });
    }

    private WindowHistory earlierWindows(String watch, WindowStats current) {
        Instant from = current.windowStart().minus(retention);
        Instant to = current.windowStart().minusMillis(1);
        List<WindowStats> windows = new ArrayList<>();
        try (WindowStoreIterator<ValueAndTimestamp<MentionTally>> stored = tallies.fetch(watch, from, to)) {
            stored.forEachRemaining(entry -> {
                Instant start = Instant.ofEpochMilli(entry.key);
                windows.add(WindowStats.of(watch, start, start.plus(current.length()), entry.value.value(), 0));
            });
        }
        return new WindowHistory(windows);
    }

    /** Creates the processor and declares its own store, so the topology registers it with a changelog. */
    static class Supplier implements ProcessorSupplier<Windowed<String>, MentionTally, String, AlertRaised> {

        private final AlertProperties properties;
        private final AlertEngine engine;
        private final WatchProfiles watchProfiles;

        Supplier(AlertProperties properties, AlertEngine engine, WatchProfiles watchProfiles) {
            this.properties = properties;
            this.engine = engine;
            this.watchProfiles = watchProfiles;
        }

        @Override
        public Processor<Windowed<String>, MentionTally, String, AlertRaised> get() {
            return new WatchAlertProcessor(properties, engine, watchProfiles);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MEMORY_STORE),
                    Serdes.String(), JsonSerdes.of(AlertMemory.class)));
        }
    }
}
