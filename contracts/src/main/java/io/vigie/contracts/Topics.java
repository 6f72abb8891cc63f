package io.vigie.contracts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Kafka topics Vigie uses, with how each is created. Services create the topics they produce at start-up. */
public final class Topics {

    public static final String MENTION_INGESTED = "mention-ingested";
    public static final String MENTION_SCORED = "mention-scored";
    public static final String ALERT_RAISED = "alert-raised";
    /** Compacted: the watches themselves, keyed by watch id. */
    public static final String WATCH_CHANGED = "watch-changed";
    public static final String SOURCE_POLLED = "source-polled";
    /**
     * Incident changes as alert-service stored them, keyed by incident id: how every alert-service replica learns the
     * changes the others made, for its live clients. Internal to alert-service (which creates it), read from the end.
     */
    public static final String INCIDENT_CHANGED = "incident-changed";

    /** Suffix of the dead-letter topic that exists for every input topic. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    /** Header carrying why a record was dead-lettered by a Kafka binder consumer. */
    public static final String FAILURE_REASON_HEADER = "x-exception-message";

    /** The same header as written by the Kafka Streams binder (spring-kafka's dead-letter recoverer). */
    public static final String STREAMS_FAILURE_REASON_HEADER = "kafka_dlt-exception-message";

    private static final int PARTITIONS = 6;
    private static final Duration EVENT_RETENTION = Duration.ofDays(30);
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(90);

    private Topics() {
    }

    /** The dead-letter topic of an input topic: {@code <topic>-dlt}. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static final TopicSpec MENTION_INGESTED_SPEC = TopicSpec.events(MENTION_INGESTED, PARTITIONS, EVENT_RETENTION);
    public static final TopicSpec MENTION_SCORED_SPEC = TopicSpec.events(MENTION_SCORED, PARTITIONS, EVENT_RETENTION);
    public static final TopicSpec ALERT_RAISED_SPEC = TopicSpec.events(ALERT_RAISED, PARTITIONS, EVENT_RETENTION);
    public static final TopicSpec WATCH_CHANGED_SPEC = TopicSpec.state(WATCH_CHANGED, PARTITIONS);
    public static final TopicSpec SOURCE_POLLED_SPEC = TopicSpec.events(SOURCE_POLLED, PARTITIONS, Duration.ofDays(7));
    /**
     * Only live fan-out reads it, so a day is plenty; a change carries the whole incident (up to 500 comments of 4,000
     * characters), compressed, hence records up to 8 MiB instead of the broker's 1 MiB default.
     */
    public static final TopicSpec INCIDENT_CHANGED_SPEC = new TopicSpec(INCIDENT_CHANGED, PARTITIONS, Map.of(
            "cleanup.policy", "delete", "retention.ms", Long.toString(Duration.ofDays(1).toMillis()),
            "max.message.bytes", Integer.toString(8 * 1024 * 1024)));

    /** Dead-letter topic spec for an input topic: same partitions, kept longer so someone can look at it. */
    public static TopicSpec deadLetterSpec(String topic) {
        return TopicSpec.events(deadLetter(topic), PARTITIONS, DEAD_LETTER_RETENTION);
    }

    /** Every topic of the current pipeline, dead letters included. */
    public static List<TopicSpec> all() {
        return List.of(MENTION_INGESTED_SPEC, MENTION_SCORED_SPEC, ALERT_RAISED_SPEC, WATCH_CHANGED_SPEC,
                SOURCE_POLLED_SPEC, deadLetterSpec(MENTION_INGESTED), deadLetterSpec(MENTION_SCORED));
    }
}
