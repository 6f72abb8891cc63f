package io.vigie.alert.incident;

import io.vigie.alert.kafka.BackgroundTopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Feeds this replica's live clients with the changes every replica stored, read from {@code incident-changed}.
 *
 * <p>A plain consumer without a group, assigned every partition and starting at their end: each replica reads
 * everything, nothing is shared or committed, and a restarted replica has nothing to replay (its clients reconnect
 * with an unknown {@code Last-Event-ID} and get a {@code resync}). The start waits, for a few seconds at most, until
 * the end of every partition is known, so that no change stored after this replica is up is missed.
 */
@Component
@ConditionalOnProperty(name = "vigie.alert.incidents.stream.fan-out", havingValue = "kafka", matchIfMissing = true)
class IncidentChangeReader extends BackgroundTopicReader {

    private static final Logger log = LoggerFactory.getLogger(IncidentChangeReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);
    private static final Duration READY_WAIT = Duration.ofSeconds(15);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Map<String, Object> consumerConfig;
    private final IncidentFeed feed;
    private final JsonMapper json;
    private final String topic;
    private final ChangeSequences sequences = new ChangeSequences();
    private final IncidentVersions versions = new IncidentVersions();
    private final CountDownLatch ready = new CountDownLatch(1);
    private boolean missingTopicReported;

    IncidentChangeReader(ConsumerFactory<?, ?> consumerFactory, IncidentProperties properties, IncidentFeed feed,
                         JsonMapper json) {
        super("incident-changes-reader");
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // Positions are set by seekToEnd; a position that fell out of retention must be noticed, not skipped over.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigie-alert-incident-changes-reader");
        this.consumerConfig = config;
        this.feed = feed;
        this.json = json;
        this.topic = properties.stream().topic();
    }

    /** Returns once the end of every partition is known (or after a few seconds), so no later change is missed. */
    @Override
    public synchronized void start() {
        boolean wasRunning = isRunning();
        super.start();
        if (wasRunning) {
            return;
        }
        try {
            if (!ready.await(READY_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Could not find the end of {} within {} s; live clients get changes once Kafka answers",
                        topic, READY_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Started before the listeners and the web server, so that their first change is read. */
    @Override
    public int getPhase() {
        return 0;
    }

    /**
     * Hands one record to the feed: after a {@code resync} when records of its writer went missing before it; not at
     * all when it was read already or is older than a change of the same incident already handed on.
     */
    void read(int partition, String value) {
        IncidentChanged changed;
        try {
            changed = json.readValue(value, IncidentChanged.class);
        } catch (JacksonException e) {
            log.warn("Skipped an unreadable record on {}: {}; live clients are told to reload", topic,
                    e.getOriginalMessage());
            feed.resync();
            return;
        }
        if (changed.change() == null || changed.incident() == null || changed.origin() == null) {
            log.warn("Skipped a record without change, incident or origin on {}; live clients are told to reload",
                    topic);
            feed.resync();
            return;
        }
        switch (sequences.read(changed.origin(), partition, changed.sequence())) {
            case SEEN -> {
                return;
            }
            case AFTER_GAP -> {
                log.warn("Changes stored by another replica never reached {} (partition {}); live clients are told to"
                        + " reload", topic, partition);
                feed.resync();
            }
            case NEXT -> {
            }
        }
        if (!versions.newer(changed.incident().id(), changed.version())) {
            // Stored before a change of the same incident already passed on: the clients have a newer state.
            log.debug("Skipped change '{}' of incident {}: older than one already sent", changed.change().wireName(),
                    changed.incident().id());
            return;
        }
        feed.publish(changed.change(), changed.incident());
    }

    @Override
    protected void readForever() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            reading(kafka);
            long nextPartitionCheck = System.nanoTime();
            while (isRunning()) {
                try {
                    if (System.nanoTime() - nextPartitionCheck >= 0) {
                        assignNew(kafka);
                        nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                    }
                    if (kafka.assignment().isEmpty()) {
                        Thread.sleep(RETRY_PAUSE.toMillis());
                        nextPartitionCheck = System.nanoTime();
                        continue;
                    }
                    for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                        if (record.value() != null) {
                            read(record.partition(), record.value());
                        }
                    }
                } catch (OffsetOutOfRangeException e) {
                    log.warn("Changes on {} expired before they were read ({}); reading on from the end, live clients"
                            + " are told to reload", topic, e.partitions());
                    kafka.seekToEnd(e.partitions());
                    e.partitions().forEach(partition -> sequences.forget(partition.partition()));
                    feed.resync();
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    log.warn("Reading {} failed: {}; trying again in {} s", topic, e.toString(),
                            RETRY_PAUSE.toSeconds());
                    Thread.sleep(RETRY_PAUSE.toMillis());
                }
            }
        } catch (WakeupException e) {
            // stop() asked.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Stopped reading {}: {}; live clients no longer get changes until a restart", topic,
                    e.getMessage(), e);
        }
    }

    /** Assigns partitions not read yet, from their end, and waits until that end is known. */
    private void assignNew(KafkaConsumer<String, String> kafka) {
        List<PartitionInfo> infos = kafka.listTopics(Duration.ofSeconds(10)).get(topic);
        if (infos == null) {
            if (!missingTopicReported) {
                missingTopicReported = true;
                log.warn("Topic {} does not exist (yet); live clients get no changes until it does (alert-service"
                        + " creates it at start-up: check that it may create topics)", topic);
            }
            return;
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        List<TopicPartition> added = partitions.stream().filter(p -> !kafka.assignment().contains(p)).toList();
        if (!added.isEmpty()) {
            kafka.assign(partitions);
            kafka.seekToEnd(added);
            added.forEach(kafka::position);
        }
        ready.countDown();
    }
}
