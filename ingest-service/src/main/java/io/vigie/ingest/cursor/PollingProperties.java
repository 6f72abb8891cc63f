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
 * @param sharedBetweenInstances true (the default) divides the source instances between the ingest processes running
 *                               against the same Kafka through the consumer group {@code group}, so a second replica
 *                               never polls a source twice; false makes this process poll every instance (only for
 *                               several Spring contexts in one JVM, i.e. tests)
 * @param group                  consumer group of the ingest processes sharing the work; one per deployment
 */
@ConfigurationProperties("vigie.ingest.polling")
public record PollingProperties(
        @DefaultValue("4") int concurrency,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("true") boolean sharedBetweenInstances,
        @DefaultValue("vigie-ingest-pollers") String group) {

    public static PollingProperties defaults() {
        return new PollingProperties(4, Duration.ofSeconds(1), true, "vigie-ingest-pollers");
    }
}
