package io.vigie.ingest.config;

import io.vigie.ingest.watch.Watch;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Everything under {@code vigie.ingest}.
 *
 * @param watches what to monitor; every fetched item is matched against all of them
 * @param rss     the RSS/Atom connector
 * @param demo    the replay of the bundled demo dataset
 * @param dedup   the in-process de-duplication of mention ids
 * @param topics  how the Kafka topics are created at start-up
 */
@ConfigurationProperties("vigie.ingest")
public record IngestProperties(
        @DefaultValue List<Watch> watches,
        @DefaultValue Rss rss,
        @DefaultValue Demo demo,
        @DefaultValue Dedup dedup,
        @DefaultValue TopicCreation topics) {

    /**
     * @param pollInterval   time between two polls of the same feed
     * @param maxTextLength  characters kept of one entry's text; longer texts are truncated and counted
     * @param userAgent      sent to feed servers, some of which refuse requests without one
     */
    public record Rss(
            @DefaultValue("5m") Duration pollInterval,
            @DefaultValue("1000000") int maxTextLength,
            @DefaultValue("Vigie/0.1 (self-hosted e-reputation monitoring)") String userAgent) {
    }

    /**
     * @param enabled whether the demo dataset is replayed at start-up (the {@code demo} profile turns it on)
     * @param dataset Spring resource location of the JSONL dataset
     * @param watchId the watch every demo mention belongs to; must be a configured watch
     * @param speed   how much faster than real time the live part is replayed (1 = real time; tests use more)
     */
    public record Demo(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("classpath:demo/nuvelia-demo.jsonl") String dataset,
            @DefaultValue("nuvelia") String watchId,
            @DefaultValue("1.0") double speed) {
    }

    /** @param capacity how many recent mention ids are remembered to publish each one once per process */
    public record Dedup(@DefaultValue("100000") int capacity) {
    }

    /** @param replicationFactor replication factor of the topics ingest creates (1 on a single broker) */
    public record TopicCreation(@DefaultValue("1") short replicationFactor) {
    }
}
