package io.vigie.alert.incident;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code fan-out: kafka} (the default): a stored change goes to {@code incident-changed}, keyed by incident id, and
 * reaches the clients of every replica, this one included, through their {@link IncidentChangeReader}.
 *
 * <p>The change is already stored when this runs, so a failed send never fails the caller: it is logged, this
 * replica's clients get a {@code resync} at once, and the other replicas' readers see a hole in this run's sequence at
 * its next record on that partition and send theirs one.
 */
@Component
@ConditionalOnProperty(name = "vigie.alert.incidents.stream.fan-out", havingValue = "kafka", matchIfMissing = true)
class KafkaIncidentChanges implements IncidentChanges, DisposableBean {

    /** Compressed, a record carries an incident with hundreds of long comments; the topic accepts as much. */
    static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(KafkaIncidentChanges.class);

    private final KafkaProducer<String, String> producer;
    private final IncidentFeed feed;
    private final JsonMapper json;
    private final String topic;
    private final String origin = UUID.randomUUID().toString();
    private final Map<Integer, Long> sequences = new HashMap<>();

    KafkaIncidentChanges(ProducerFactory<?, ?> producerFactory, IncidentProperties properties, IncidentFeed feed,
                         JsonMapper json) {
        Map<String, Object> config = new HashMap<>(producerFactory.getConfigurationProperties());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vigie-alert-incident-changes");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // An analyst's ack waits at most this long for the broker's metadata when Kafka is down, not a minute.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofSeconds(1).toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        this.feed = feed;
        this.json = json;
        this.topic = properties.stream().topic();
    }

    @Override
    public void stored(IncidentChange change, Incident incident, IncidentRepository.Version version) {
        try {
            int partition = partition(incident.id());
            // One send at a time: a partition's records reach the broker in sequence order (idempotent producer).
            synchronized (this) {
                long sequence = sequences.merge(partition, 1L, Long::sum);
                String value = json.writeValueAsString(
                        new IncidentChanged(IncidentChanged.SCHEMA_VERSION, origin, sequence, change, incident, version));
                producer.send(new ProducerRecord<>(topic, partition, incident.id(), value), (metadata, error) -> {
                    if (error != null) {
                        lost(change, incident, error);
                    }
                });
            }
        } catch (RuntimeException e) {
            lost(change, incident, e);
        }
    }

    /** The same partition as Kafka's default partitioner would pick for the key; chosen here to number its records. */
    private int partition(String incidentId) {
        List<PartitionInfo> partitions = producer.partitionsFor(topic);
        return Utils.toPositive(Utils.murmur2(incidentId.getBytes(StandardCharsets.UTF_8))) % partitions.size();
    }

    private void lost(IncidentChange change, Incident incident, Exception error) {
        log.warn("Change '{}' of incident {} is stored but could not be sent to {} ({}): live clients are told to"
                        + " reload the list; check that Kafka is reachable", change.wireName(), incident.id(), topic,
                error.toString());
        feed.resync();
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
