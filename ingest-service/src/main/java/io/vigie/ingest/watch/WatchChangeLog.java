package io.vigie.ingest.watch;

import io.vigie.contracts.Topics;
import io.vigie.contracts.WatchChanged;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The watches' storage: the compacted {@code watch-changed} topic, keyed by watch id. At start-up the whole topic is
 * read, without a consumer group (every instance needs every watch), before the service serves anything; then a
 * background thread keeps following it, so instances converge on the same watches whoever changed them. A deletion
 * is a {@link WatchChanged} without watch (for readers that want to see it) followed by a tombstone (so compaction
 * forgets the watch).
 */
public class WatchChangeLog implements WatchChanges, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatchChangeLog.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final WatchRepository repository;
    private final ConsumerFactory<?, ?> consumers;
    private final KafkaTemplate<String, Object> kafka;
    private final KafkaAdmin admin;
    private final JsonMapper json;
    private final WatchStoreProperties properties;
    private final short replicationFactor;
    /** Offset of the change last applied per watch, so a lagging follower never undoes a newer local change. */
    private final Map<String, Long> appliedOffsets = new HashMap<>();
    private Consumer<String, String> consumer;
    private Thread follower;
    private volatile boolean running;

    public WatchChangeLog(WatchRepository repository, ConsumerFactory<?, ?> consumers,
                          KafkaTemplate<String, Object> kafka, KafkaAdmin admin, JsonMapper json,
                          WatchStoreProperties properties, short replicationFactor) {
        this.repository = repository;
        this.consumers = consumers;
        this.kafka = kafka;
        this.admin = admin;
        this.json = json;
        this.properties = properties;
        this.replicationFactor = replicationFactor;
    }

    /** The watches as read from the topic; complete once {@link #load()} returned. */
    public WatchRepository repository() {
        return repository;
    }

    /**
     * Creates the topic when missing and reads it to its end into the repository.
     *
     * @throws WatchStoreUnavailableException when Kafka does not answer within {@code load-timeout}
     */
    public void load() {
        String topic = properties.topic();
        Instant deadline = Instant.now().plus(properties.loadTimeout());
        try {
            admin.createOrModifyTopics(new NewTopic(topic, Topics.WATCH_CHANGED_SPEC.partitions(), replicationFactor)
                    .configs(Topics.WATCH_CHANGED_SPEC.configs()));
            consumer = newConsumer();
            List<TopicPartition> partitions = consumer.partitionsFor(topic, properties.loadTimeout()).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, properties.loadTimeout());
            int read = 0;
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new TimeoutException("still reading after " + properties.loadTimeout());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    apply(record);
                    read++;
                }
            }
            log.info("{} watch(es) read from topic '{}' ({} records): {}", repository.definitions().size(), topic,
                    read, repository.definitions().stream().map(watch -> watch.id()).toList());
        } catch (TimeoutException | RuntimeException e) {
            if (consumer != null) {
                consumer.close();
                consumer = null;
            }
            throw new WatchStoreUnavailableException("cannot read the watches from Kafka topic '" + topic + "' ("
                    + e.getMessage() + "); check that the brokers in KAFKA_BOOTSTRAP_SERVERS are up, then restart", e);
        }
    }

    @Override
    public void record(WatchChanged change) {
        long offset = send(change.watchId(), change);
        if (change.deleted()) {
            offset = send(change.watchId(), null);
        }
        applyIfNewer(change.watchId(), offset, change);
    }

    private long send(String watchId, Object value) {
        try {
            SendResult<String, Object> result = kafka.send(properties.topic(), watchId, value)
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return result.getRecordMetadata().offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WatchStoreUnavailableException("interrupted while storing watch '" + watchId + "'", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new WatchStoreUnavailableException("watch '" + watchId + "' not stored: Kafka did not acknowledge "
                    + "it within " + properties.sendTimeout() + " (" + e.getMessage() + "); check that the brokers in "
                    + "KAFKA_BOOTSTRAP_SERVERS are up and retry", e);
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            log.warn("watch topic '{}' partition {} offset {}: record without key ignored", record.topic(),
                    record.partition(), record.offset());
            return;
        }
        if (record.value() == null) {
            applyIfNewer(record.key(), record.offset(), null);
            return;
        }
        try {
            applyIfNewer(record.key(), record.offset(), json.readValue(record.value(), WatchChanged.class));
        } catch (JacksonException e) {
            log.warn("watch topic '{}' partition {} offset {}: not a WatchChanged event, ignored ({})", record.topic(),
                    record.partition(), record.offset(), e.getOriginalMessage());
        }
    }

    /** @param change null for a tombstone */
    private synchronized void applyIfNewer(String watchId, long offset, WatchChanged change) {
        Long applied = appliedOffsets.get(watchId);
        if (applied != null && applied >= offset) {
            return;
        }
        appliedOffsets.put(watchId, offset);
        if (change == null || change.deleted()) {
            repository.remove(watchId);
        } else if (!watchId.equals(change.watchId())) {
            log.warn("watch topic '{}': record keyed '{}' carries watch '{}'; ignored", properties.topic(), watchId,
                    change.watchId());
        } else {
            repository.apply(change);
        }
    }

    private Consumer<String, String> newConsumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        overrides.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        @SuppressWarnings("unchecked")
        Consumer<String, String> created = (Consumer<String, String>) consumers.createConsumer(null,
                "vigie-watch-store", null, overrides);
        return created;
    }

    /** Follows the topic after {@link #load()}, on its own thread. */
    @Override
    public synchronized void start() {
        if (consumer == null || running) {
            return;
        }
        running = true;
        follower = new Thread(this::follow, "watch-change-follower");
        follower.setDaemon(true);
        follower.start();
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up: the service is shutting down.
        } catch (RuntimeException e) {
            log.error("stopped following the watch topic '{}': changes made by other instances will not be seen "
                    + "until restart", properties.topic(), e);
        } finally {
            consumer.close();
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            if (consumer != null) {
                consumer.close();
                consumer = null;
            }
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            follower.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
