package io.vigie.ingest.watch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Everything under {@code vigie.ingest.watch-store}: where watches are kept.
 *
 * @param topic       the compacted topic holding the watches; only tests change it, to get a topic of their own
 *                    on a shared broker
 * @param loadTimeout how long start-up may take to read the topic before the service gives up
 * @param sendTimeout how long a watch change may wait for Kafka's acknowledgement before the API answers 503
 */
@ConfigurationProperties("vigie.ingest.watch-store")
public record WatchStoreProperties(
        @DefaultValue("watch-changed") String topic,
        @DefaultValue("60s") Duration loadTimeout,
        @DefaultValue("15s") Duration sendTimeout) {
}
