package io.vigie.alert.incident;

import io.vigie.contracts.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the incident store, API, live stream and explanations ({@code vigie.alert.incidents.*}).
 *
 * @param topic          where detections are read from: {@code alert-raised} (another name only to isolate a test)
 * @param consumerGroup  Kafka consumer group storing incidents from {@code alert-raised}; the former alert history's,
 *                       so an upgrade goes on from its committed offsets
 * @param maxPageSize    the most incidents one list request returns
 * @param maxTextLength  the longest comment or resolution note, in characters
 * @param maxComments    the most comments one incident keeps
 * @param stream         the live Server-Sent Events stream
 * @param explanation    how incidents are explained from the mentions index
 */
@ConfigurationProperties("vigie.alert.incidents")
public record IncidentProperties(
        @DefaultValue(Topics.ALERT_RAISED) String topic,
        @DefaultValue("vigie-alert-history") String consumerGroup,
        @DefaultValue("500") int maxPageSize,
        @DefaultValue("4000") int maxTextLength,
        @DefaultValue("500") int maxComments,
        @DefaultValue Stream stream,
        @DefaultValue Explain explanation) {

    public IncidentProperties {
        if (topic == null || topic.isBlank() || consumerGroup == null || consumerGroup.isBlank()) {
            throw new IllegalArgumentException("vigie.alert.incidents: topic and consumer-group must not be empty");
        }
        if (maxPageSize < 1 || maxTextLength < 1 || maxComments < 1) {
            throw new IllegalArgumentException("vigie.alert.incidents: max-page-size, max-text-length and max-comments"
                    + " must be >= 1");
        }
    }

    /**
     * @param heartbeat   how often an idle client gets a comment line, so proxies keep the connection open
     * @param timeout     how long one connection lasts before the server ends it (browsers reconnect by themselves)
     * @param clientBuffer events queued for one client; a client that falls further behind is disconnected
     * @param replay      recent events kept to replay to a client reconnecting with {@code Last-Event-ID}
     * @param maxClients  live clients at most (each has a sending thread)
     * @param fanOut      how a stored change reaches the live clients: through Kafka to every replica's clients, or
     *                    straight to this replica's own (a single replica without the topic)
     * @param topic       the Kafka topic of the fan-out: {@code incident-changed} (another name only to isolate a test)
     */
    public record Stream(@DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration timeout,
                         @DefaultValue("256") int clientBuffer, @DefaultValue("512") int replay,
                         @DefaultValue("200") int maxClients, @DefaultValue("kafka") FanOut fanOut,
                         @DefaultValue(Topics.INCIDENT_CHANGED) String topic) {
        public Stream {
            if (fanOut == FanOut.KAFKA && (topic == null || topic.isBlank())) {
                throw new IllegalArgumentException("vigie.alert.incidents.stream.topic must not be empty with"
                        + " fan-out kafka; leave it unset for incident-changed");
            }
            if (heartbeat == null || heartbeat.isZero() || heartbeat.isNegative()
                    || timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("vigie.alert.incidents.stream: heartbeat and timeout must be"
                        + " positive durations, e.g. 15s and 30m");
            }
            if (clientBuffer < 1 || replay < 1 || maxClients < 1) {
                throw new IllegalArgumentException("vigie.alert.incidents.stream: client-buffer, replay and max-clients"
                        + " must be >= 1");
            }
        }
    }

    /** How stored changes reach live clients ({@code vigie.alert.incidents.stream.fan-out}). */
    public enum FanOut {
        /** Through {@code incident-changed}: every replica's clients see every replica's changes. */
        KAFKA,
        /** Straight to this replica's clients: one replica only. */
        LOCAL
    }

    /**
     * @param enabled          explain incidents at all
     * @param baseline         how far before the episode the usual mentions are taken from
     * @param episodeMentions  episode mentions read at most (top mentions and terms come from them)
     * @param baselineMentions baseline mentions read at most
     * @param topMentions      mentions an explanation lists
     * @param topTerms         terms an explanation lists
     * @param retryDelay       wait before trying again after a failure (OpenSearch unreachable)
     * @param maxAttempts      attempts before waiting for the incident's next update to try again
     */
    public record Explain(@DefaultValue("true") boolean enabled, @DefaultValue("14d") Duration baseline,
                          @DefaultValue("500") int episodeMentions, @DefaultValue("2000") int baselineMentions,
                          @DefaultValue("5") int topMentions, @DefaultValue("10") int topTerms,
                          @DefaultValue("30s") Duration retryDelay, @DefaultValue("3") int maxAttempts) {
        public Explain {
            if (baseline == null || baseline.isNegative() || retryDelay == null || retryDelay.isNegative()) {
                throw new IllegalArgumentException("vigie.alert.incidents.explanation: baseline and retry-delay must be"
                        + " positive durations, e.g. 14d and 30s");
            }
            if (episodeMentions < 1 || episodeMentions > 10_000 || baselineMentions < 0 || baselineMentions > 10_000
                    || topMentions < 0 || topTerms < 0 || maxAttempts < 1) {
                throw new IllegalArgumentException("vigie.alert.incidents.explanation: episode-mentions in [1, 10000],"
                        + " baseline-mentions in [0, 10000], top-mentions and top-terms >= 0, max-attempts >= 1");
            }
        }
    }
}
