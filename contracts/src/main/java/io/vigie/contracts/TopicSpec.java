package io.vigie.contracts;

import java.time.Duration;
import java.util.Map;

/**
 * How a topic is created: partitions and topic-level configs (retention, or compaction for a topic that is state).
 *
 * @param name       topic name
 * @param partitions number of partitions
 * @param configs    topic configs, e.g. {@code retention.ms} or {@code cleanup.policy=compact}
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    /** An event topic: deleted after the retention period. */
    public static TopicSpec events(String name, int partitions, Duration retention) {
        return new TopicSpec(name, partitions,
                Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention.toMillis())));
    }

    /** A state topic: compacted, the latest record per key is kept forever. */
    public static TopicSpec state(String name, int partitions) {
        return new TopicSpec(name, partitions, Map.of("cleanup.policy", "compact"));
    }
}
