package io.vigie.ingest.cursor;

import io.vigie.contracts.TopicSpec;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceCursors;
import io.vigie.ingest.source.SourceInstance;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cursors kept in the compacted topic {@code source-cursors} (key: source instance id, value: {@link StoredCursor}),
 * so they survive restarts, and the division of source instances between ingest processes.
 * <p>
 * An instance belongs to the partition its key hashes to, as Kafka's producer would place its cursor. This process
 * polls an instance only once it owns that partition and has read it to its end: every partition when it runs alone,
 * the partitions the consumer group {@code vigie.ingest.polling.group} assigns it when processes share the work. On a
 * rebalance the partition's new owner re-reads its cursors and carries on where the previous owner stopped.
 */
@Component
public class KafkaSourceCursors extends SourceCursors implements SmartLifecycle {

    public static final String TOPIC = "source-cursors";
    public static final TopicSpec TOPIC_SPEC = TopicSpec.state(TOPIC, 6);

    private static final Logger log = LoggerFactory.getLogger(KafkaSourceCursors.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(300);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private final ConsumerFactory<String, String> consumers;
    private final KafkaTemplate<String, Object> kafka;
    private final JsonMapper json;
    private final PollingProperties settings;
    private final Clock clock;
    private final Map<String, SourceCursor> cursors = new ConcurrentHashMap<>();
    private final Set<Integer> ready = ConcurrentHashMap.newKeySet();
    /** End offsets of the partitions being read at assignment; touched by the consumer thread only. */
    private final Map<TopicPartition, Long> loading = new HashMap<>();
    private volatile int partitions;
    private volatile boolean running;
    private volatile Consumer<String, String> consumer;
    private Thread thread;

    public KafkaSourceCursors(ConsumerFactory<String, String> consumers, KafkaTemplate<String, Object> kafka,
                              JsonMapper json, PollingProperties settings, Clock clock) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public SourceCursor get(SourceInstance instance) {
        return cursors.getOrDefault(instance.id(), SourceCursor.NONE);
    }

    /** Keeps the cursor and waits for Kafka to store it; if it cannot, the cursor still serves this process. */
    @Override
    public void advance(SourceInstance instance, SourceCursor cursor) {
        if (cursor.equals(cursors.put(instance.id(), cursor))) {
            return;
        }
        try {
            kafka.send(TOPIC, instance.id(), new StoredCursor(instance.id(), cursor.values(), clock.instant()))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("source '{}': cursor not stored in Kafka ({}); a restart would read this source again from its "
                    + "previous cursor (duplicates are dropped downstream)", instance.id(), e.toString());
        }
    }

    @Override
    public boolean owns(SourceInstance instance) {
        int count = partitions;
        return count > 0 && ready.contains(partitionOf(instance.id(), count));
    }

    /** The partition Kafka's default partitioner gives a record with this key. */
    static int partitionOf(String instanceId, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(instanceId.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "source-cursors");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Consumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        ready.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the poller (which runs in the default, last phase), so cursors are there when it starts. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }

    /** Reads until stopped; if Kafka is unreachable or the topic missing, says so and tries again. */
    private void run() {
        while (running) {
            try {
                consume();
            } catch (WakeupException e) {
                if (running) {
                    log.error("source cursors: consumer woken up unexpectedly; reconnecting", e);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("source cursors: cannot read topic '{}' ({}); no source is polled until it can, retrying in {} s",
                        TOPIC, e.toString(), RETRY_DELAY.toSeconds());
                pause();
            } finally {
                consumer = null;
                ready.clear();
                loading.clear();
            }
        }
    }

    private void consume() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        String group = settings.sharedBetweenInstances() ? settings.group() : null;
        try (Consumer<String, String> opened = consumers.createConsumer(group, "vigie-source-cursors", null, overrides)) {
            consumer = opened;
            if (!running) {
                return;
            }
            List<PartitionInfo> infos = opened.partitionsFor(TOPIC);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic '" + TOPIC + "' does not exist (it is created at start-up)");
            }
            partitions = infos.size();
            Listener listener = new Listener(opened);
            if (settings.sharedBetweenInstances()) {
                opened.subscribe(List.of(TOPIC), listener);
                log.info("source cursors: sharing the sources with the other ingest processes of group '{}'", group);
            } else {
                List<TopicPartition> all = infos.stream().map(info -> new TopicPartition(TOPIC, info.partition())).toList();
                opened.assign(all);
                listener.onPartitionsAssigned(all);
            }
            while (running) {
                ConsumerRecords<String, String> records = opened.poll(POLL_TIMEOUT);
                records.forEach(this::read);
                markLoaded(opened);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Only partitions still loading take records: once loaded, this process is their only writer. */
    private void read(ConsumerRecord<String, String> record) {
        if (!loading.containsKey(new TopicPartition(record.topic(), record.partition())) || record.key() == null) {
            return;
        }
        if (record.value() == null) {
            cursors.remove(record.key());
            return;
        }
        try {
            StoredCursor stored = json.readValue(record.value(), StoredCursor.class);
            cursors.put(record.key(), new SourceCursor(stored.values() == null ? Map.of() : stored.values()));
        } catch (JacksonException e) {
            log.warn("source cursors: ignoring unreadable cursor of '{}' at offset {} ({}); that source is read from "
                    + "its start", record.key(), record.offset(), e.getOriginalMessage());
        }
    }

    private void markLoaded(Consumer<String, String> opened) {
        loading.entrySet().removeIf(entry -> {
            if (opened.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
            ready.add(entry.getKey().partition());
            log.debug("source cursors: partition {} loaded", entry.getKey().partition());
            return true;
        });
    }

    private final class Listener implements ConsumerRebalanceListener {

        private final Consumer<String, String> opened;

        Listener(Consumer<String, String> opened) {
            this.opened = opened;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            opened.seekToBeginning(assigned);
            loading.putAll(opened.endOffsets(assigned));
            log.info("source cursors: polling the sources of partitions {}", assigned.stream().map(TopicPartition::partition).sorted().toList());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            int count = partitions;
            for (TopicPartition partition : revoked) {
                ready.remove(partition.partition());
                loading.remove(partition);
                cursors.keySet().removeIf(id -> partitionOf(id, count) == partition.partition());
            }
            if (!revoked.isEmpty()) {
                log.info("source cursors: partitions {} released (rebalance or shutdown); their sources are polled by whichever ingest process gets them",
                        revoked.stream().map(TopicPartition::partition).sorted().toList());
            }
        }
    }
}
