package io.vigie.alert.stream;

import io.vigie.alert.window.MentionSignal;
import io.vigie.alert.window.SignalBatch;
import io.vigie.contracts.MentionScored;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Combines the signals of each watch before the repartition by watch (ADR 0018): the signals of mentions read close
 * together, for the same watch and the same slice of publication time, travel as one {@link SignalBatch}, so the
 * repartition topic carries one record, and each window store is read and written once, per batch instead of per
 * mention.
 *
 * <p>Nothing waits for long and nothing is lost: a batch leaves when it is full, on a short wall-clock punctuation,
 * and before every commit of the task. The last is what makes an in-memory buffer safe: the pending signals are held
 * by a state store whose cache flush Kafka Streams calls when it prepares a commit (as it does for its own record
 * caches, and also before a task is suspended or closed cleanly), so an input offset is only committed once the
 * signals read from it are in the repartition topic, in the same transaction. A crash loses the buffer and the
 * offsets with it: the input is read again.
 */
class SignalCombiner implements Processor<String, MentionScored, String, SignalBatch> {

    static final String PENDING_STORE = "pending-signals";

    private final Settings settings;
    private final SignalBatcher batcher;
    private InternalProcessorContext<String, SignalBatch> context;
    private ProcessorNode<?, ?, ?, ?> node;

    /**
     * @param signalsPerWatch turns a scored mention into one signal per watch it matched (crisis terms counted with
     *                        each watch's own vocabulary)
     * @param slice           see {@link SignalBatcher}: divides every window size
     * @param maxBatch        signals in one batch at most
     * @param maxPending      signals held at most, all watches together, before everything is sent
     * @param flushEvery      how often (wall clock) whatever is pending is sent, so a quiet input is not delayed
     */
    record Settings(Function<MentionScored, List<KeyValue<String, MentionSignal>>> signalsPerWatch, Duration slice,
                    int maxBatch, int maxPending, Duration flushEvery) {
        Settings {
            Objects.requireNonNull(signalsPerWatch);
            Objects.requireNonNull(flushEvery);
        }
    }

    SignalCombiner(Settings settings) {
        this.settings = settings;
        this.batcher = new SignalBatcher(settings.slice(), settings.maxBatch(), settings.maxPending());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void init(ProcessorContext<String, SignalBatch> context) {
        // Sending from the commit's cache flush needs what the DSL's own caches use to forward: the internal context.
        this.context = (InternalProcessorContext<String, SignalBatch>) context;
        this.node = this.context.currentNode();
        PendingSignalsStore store = context.getStateStore(PENDING_STORE);
        store.onFlush(this::sendAllFromFlush);
        context.schedule(settings.flushEvery(), PunctuationType.WALL_CLOCK_TIME, now -> sendAll());
    }

    @Override
    public void process(Record<String, MentionScored> record) {
        for (KeyValue<String, MentionSignal> signal : settings.signalsPerWatch().apply(record.value())) {
            SignalBatcher.Ready full = batcher.add(signal.key, signal.value, record.timestamp());
            if (full != null) {
                send(full);
            }
        }
        if (batcher.full()) {
            sendAll();
        }
    }

    private void sendAll() {
        if (!batcher.isEmpty()) {
            batcher.takeAll().forEach(this::send);
        }
    }

    /** As {@link #sendAll}, called while the task prepares a commit: outside this processor's own scope. */
    private void sendAllFromFlush() {
        if (batcher.isEmpty()) {
            return;
        }
        ProcessorNode<?, ?, ?, ?> previousNode = context.currentNode();
        ProcessorRecordContext previousRecord = context.recordContext();
        context.setCurrentNode(node);
        if (previousRecord == null) {
            context.setRecordContext(new ProcessorRecordContext(0, -1, -1, null, new RecordHeaders()));
        }
        try {
            sendAll();
        } finally {
            context.setCurrentNode(previousNode);
            if (previousRecord == null) {
                context.setRecordContext(null);
            }
        }
    }

    private void send(SignalBatcher.Ready ready) {
        context.forward(new Record<>(ready.watch(), ready.batch(), ready.timestamp()));
    }

    static class Supplier implements ProcessorSupplier<String, MentionScored, String, SignalBatch> {

        private final Settings settings;

        Supplier(Settings settings) {
            this.settings = settings;
        }

        @Override
        public Processor<String, MentionScored, String, SignalBatch> get() {
            return new SignalCombiner(settings);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(new PendingSignalsStore.Builder());
        }
    }

    /**
     * Holds no data itself (the processor does): it is the hook through which Kafka Streams asks, before each commit,
     * for what is pending to be sent. In memory, without a changelog: what it covers was never committed.
     */
    static final class PendingSignalsStore implements StateStore, CachedStateStore<Object, Object> {

        private Runnable flush = () -> { };
        private volatile boolean open;

        void onFlush(Runnable flush) {
            this.flush = flush;
        }

        @Override
        public void flushCache() {
            flush.run();
        }

        @Override
        public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
            return false;
        }

        @Override
        public void clearCache() {
        }

        @Override
        public String name() {
            return PENDING_STORE;
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            context.register(root, (key, value) -> { });
            open = true;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        static final class Builder implements StoreBuilder<PendingSignalsStore> {

            @Override
            public StoreBuilder<PendingSignalsStore> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<PendingSignalsStore> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<PendingSignalsStore> withLoggingEnabled(Map<String, String> config) {
                return this;
            }

            @Override
            public StoreBuilder<PendingSignalsStore> withLoggingDisabled() {
                return this;
            }

            @Override
            public PendingSignalsStore build() {
                return new PendingSignalsStore();
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return PENDING_STORE;
            }
        }
    }
}
