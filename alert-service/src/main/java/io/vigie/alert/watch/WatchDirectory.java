package io.vigie.alert.watch;

import io.vigie.alert.kafka.BackgroundTopicReader;
import io.vigie.contracts.Topics;
import io.vigie.contracts.WatchChanged;
import io.vigie.contracts.WatchDefinition;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Comparator;
import java.util.function.BiConsumer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Every watch, as the compacted {@code watch-changed} topic says: the latest definition per watch id, a deleted watch
 * forgotten. A plain consumer without a group reads all partitions from the beginning at each start and commits
 * nothing, so every alert-service instance knows every watch. {@link #awaitCaughtUp} tells when the topic has been
 * read up to where it ended at start-up. Listeners (the detection's watch profiles) hear of every change as it is read,
 * so a watch created or changed at runtime takes effect without a restart.
 */
@Component
public class WatchDirectory extends BackgroundTopicReader {

    private static final Logger log = LoggerFactory.getLogger(WatchDirectory.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often to look for partitions: the topic may not exist yet, or get more partitions. */
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    private final Map<String, Object> consumerConfig;
    private final JsonMapper json;
    private final Map<String, WatchDefinition> watches = new ConcurrentHashMap<>();
    /** Watches whose deletion was read since start-up; compaction later forgets them altogether. */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final List<BiConsumer<String, WatchDefinition>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    public WatchDirectory(ConsumerFactory<?, ?> consumerFactory, JsonMapper json) {
        super("watch-directory");
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigie-alert-watch-directory");
        this.consumerConfig = config;
        this.json = json;
    }

    /** The watch's latest definition; empty when unknown or deleted. */
    public Optional<WatchDefinition> find(String watchId) {
        return watchId == null ? Optional.empty() : Optional.ofNullable(watches.get(watchId));
    }

    /** Whether the watch is defined and not paused: one whose silence is worth telling. */
    public boolean isActive(String watchId) {
        return find(watchId).map(watch -> !watch.paused()).orElse(false);
    }

    /** Whether the watch's deletion was read: it must not alert any more. */
    public boolean isDeleted(String watchId) {
        return watchId != null && deleted.contains(watchId);
    }

    /**
     * Calls {@code listener} with every watch known now, then with each change as it is read: the definition, or
     * null when the watch was deleted. Called on the reader's thread: keep it quick.
     */
    public void subscribe(BiConsumer<String, WatchDefinition> listener) {
        listeners.add(listener);
        watches.forEach(listener);
    }

    /** @return whether the topic was read up to its end at start-up within {@code timeout} */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Applies one record of the topic; public so that tests can feed records without a broker. */
    public void apply(String key, String value) {
        if (value == null) {
            if (key != null) {
                forget(key);
            }
            return;
        }
        WatchChanged change;
        try {
            change = json.readValue(value, WatchChanged.class);
        } catch (JacksonException e) {
            log.warn("Skipped an unreadable record on {} (key {}): {}", Topics.WATCH_CHANGED, key,
                    e.getOriginalMessage());
            return;
        }
        String id = change.watchId() != null ? change.watchId() : key;
        if (id == null) {
            return;
        }
        if (change.deleted()) {
            forget(id);
        } else {
            watches.put(id, change.watch());
            deleted.remove(id);
            listeners.forEach(listener -> listener.accept(id, change.watch()));
        }
    }

    private void forget(String id) {
        watches.remove(id);
        deleted.add(id);
        listeners.forEach(listener -> listener.accept(id, null));
    }


    /** Before the Kafka listeners that route with it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    @Override
    protected void readForever() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            reading(kafka);
            Map<TopicPartition, Long> startEnd = null;
            long nextPartitionCheck = 0;
            while (isRunning()) {
                if (System.nanoTime() - nextPartitionCheck >= 0) {
                    nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                    List<TopicPartition> partitions = partitions(kafka);
                    if (!kafka.assignment().containsAll(partitions)) {
                        List<TopicPartition> added = partitions.stream()
                                .filter(partition -> !kafka.assignment().contains(partition)).toList();
                        kafka.assign(partitions);
                        kafka.seekToBeginning(added);
                        if (startEnd == null) {
                            startEnd = kafka.endOffsets(partitions);
                        }
                    } else if (partitions.isEmpty() && caughtUp.getCount() > 0) {
                        log.info("Topic {} does not exist yet: no watch has been defined; alerts use default routes",
                                Topics.WATCH_CHANGED);
                        caughtUp.countDown();
                    }
                }
                if (kafka.assignment().isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                    apply(record.key(), record.value());
                }
                if (startEnd != null && caughtUp.getCount() > 0 && reached(kafka, startEnd)) {
                    log.info("Read {} watches from {}", watches.size(), Topics.WATCH_CHANGED);
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // stop() asked.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Stopped reading {}: {}; routing uses the watches read so far", Topics.WATCH_CHANGED,
                    e.getMessage(), e);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> kafka) {
        List<PartitionInfo> infos = kafka.listTopics(Duration.ofSeconds(10)).get(Topics.WATCH_CHANGED);
        return infos == null ? List.of() : infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
    }

    private static boolean reached(KafkaConsumer<String, String> kafka, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (kafka.assignment().contains(end.getKey()) && kafka.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
