package io.vigie.ingest.cursor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Everything under {@code vigie.ingest.polling}.
 *
 * @param concurrency            source instances polled at the same time (each instance is polled by one thread at
 *                               a time, so a slow source holds one thread, never the others)
 * @param tick                   how often the poller looks for instances that are due
 * @param sharedBetweenInstances true when several ingest processes run against the same Kafka: the source instances
 *                               are then divided between them through the consumer group {@code group}; false (one
 *                               process) polls every instance
 * @param group                  consumer group of the ingest processes sharing the work; one per deployment
 */
@ConfigurationProperties("vigie.ingest.polling")
public record PollingProperties(
        @DefaultValue("4") int concurrency,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("false") boolean sharedBetweenInstances,
        @DefaultValue("vigie-ingest-pollers") String group) {

    public static PollingProperties defaults() {
        return new PollingProperties(4, Duration.ofSeconds(1), false, "vigie-ingest-pollers");
    }
}
