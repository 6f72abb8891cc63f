package io.vigie.alert.watch;

import io.vigie.alert.kafka.BackgroundTopicReader;
import io.vigie.contracts.SourcePolled;
import io.vigie.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The latest poll of each source instance, from the {@code source-polled} heartbeats: tells a source that polls fine
 * but finds nothing from one that fails, for the people reading a silence alert. A plain consumer without a group
 * (every instance needs the sources of every watch), starting {@link #LOOK_BACK} back at each start.
 */
@Component
public class SourceHeartbeats extends BackgroundTopicReader {

    static final Duration LOOK_BACK = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(SourceHeartbeats.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    private final Map<String, Object> consumerConfig;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, SourceState> sources = new ConcurrentHashMap<>();

    @Autowired
    public SourceHeartbeats(ConsumerFactory<?, ?> consumerFactory, JsonMapper json) {
        this(consumerFactory, json, Clock.systemUTC());
    }

    SourceHeartbeats(ConsumerFactory<?, ?> consumerFactory, JsonMapper json, Clock clock) {
        super("source-heartbeats");
        Map<String, Object> config = new HashMap<>(consumerFactory.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigie-alert-source-heartbeats");
        this.consumerConfig = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The latest poll of one source instance, and since when it has been failing.
     *
     * @param failingSince when the current run of failed polls began; null when the latest poll succeeded
     * @param lastItemsAt  when a poll last fetched items; null when none was seen
     */
    public record SourceState(SourcePolled latest, Instant failingSince, Instant lastItemsAt) {

        public boolean ok() {
            return failingSince == null;
        }
    }

    /** Applies one heartbeat; public so that tests can feed heartbeats without a broker. */
    public void apply(SourcePolled polled) {
        if (polled == null || polled.sourceInstance() == null) {
            return;
        }
        sources.compute(polled.sourceInstance(), (instance, before) -> {
            if (before != null && before.latest().polledAt() != null && polled.polledAt() != null
                    && polled.polledAt().isBefore(before.latest().polledAt())) {
                return before;
            }
            boolean ok = isOk(polled.outcome());
            Instant failingSince = ok ? null
                    : before != null && before.failingSince() != null ? before.failingSince() : polled.polledAt();
            Instant lastItems = polled.items() > 0 ? polled.polledAt() : before == null ? null : before.lastItemsAt();
            return new SourceState(polled, failingSince, lastItems);
        });
    }

    /** The latest known poll of every source instance that serves the watch, by instance. */
    public Map<String, SourceState> of(String watchId) {
        return sources.entrySet().stream()
                .filter(entry -> entry.getValue().latest().watchIds().contains(watchId))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * One sentence on the watch's sources for a silence alert, e.g. "Sources: reddit:r/france failing since
     * 10:12Z (error: HTTP 500); rss:lemonde polled OK at 10:42Z, 0 items." Empty when no heartbeat is known.
     */
    public String describe(String watchId) {
        Map<String, SourceState> states = of(watchId);
        if (states.isEmpty()) {
            return "";
        }
        Instant stale = clock.instant().minus(LOOK_BACK);
        String parts = states.entrySet().stream()
                .sorted(Map.Entry.<String, SourceState>comparingByValue(
                        (a, b) -> Boolean.compare(a.ok(), b.ok())).thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> describe(entry.getKey(), entry.getValue(), stale))
                .collect(Collectors.joining("; "));
        return "Sources: " + parts + ".";
    }

    private static String describe(String instance, SourceState state, Instant stale) {
        SourcePolled latest = state.latest();
        String outcome = latest.outcome() == null ? "unknown" : latest.outcome();
        if (!state.ok()) {
            return String.format(Locale.ROOT, "%s failing since %s (%s%s)", instance, state.failingSince(), outcome,
                    latest.error() == null ? "" : ": " + latest.error());
        }
        String when = latest.polledAt() == null ? "" : " at " + latest.polledAt();
        String staleNote = latest.polledAt() != null && latest.polledAt().isBefore(stale) ? " (no poll since)" : "";
        return String.format(Locale.ROOT, "%s polled %s%s%s, %d items", instance, outcome, when, staleNote,
                latest.items());
    }

    private static boolean isOk(String outcome) {
        return outcome == null || "ok".equalsIgnoreCase(outcome) || "not-modified".equalsIgnoreCase(outcome);
    }

    void apply(String value) {
        try {
            apply(json.readValue(value, SourcePolled.class));
        } catch (JacksonException e) {
            log.warn("Skipped an unreadable record on {}: {}", Topics.SOURCE_POLLED, e.getOriginalMessage());
        }
    }


    @Override
    protected void readForever() {
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            reading(kafka);
            long nextPartitionCheck = 0;
            while (isRunning()) {
                if (System.nanoTime() - nextPartitionCheck >= 0) {
                    nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                    assignNew(kafka);
                }
                if (kafka.assignment().isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                    if (record.value() != null) {
                        apply(record.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() asked.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Stopped reading {}: {}; silence alerts will not say how the sources are doing",
                    Topics.SOURCE_POLLED, e.getMessage(), e);
        }
    }

    private void assignNew(KafkaConsumer<String, String> kafka) {
        List<PartitionInfo> infos = kafka.listTopics(Duration.ofSeconds(10)).get(Topics.SOURCE_POLLED);
        if (infos == null) {
            return;
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        List<TopicPartition> added = partitions.stream().filter(p -> !kafka.assignment().contains(p)).toList();
        if (added.isEmpty()) {
            return;
        }
        kafka.assign(partitions);
        long since = clock.millis() - LOOK_BACK.toMillis();
        Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(
                added.stream().collect(Collectors.toMap(p -> p, p -> since)));
        for (TopicPartition partition : added) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset != null) {
                kafka.seek(partition, offset.offset());
            } else {
                kafka.seekToEnd(List.of(partition));
            }
        }
    }
}
