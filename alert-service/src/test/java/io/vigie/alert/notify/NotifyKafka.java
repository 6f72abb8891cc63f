package io.vigie.alert.notify;

import io.vigie.alert.notify.delivery.Delivery;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.TopicSpec;
import io.vigie.contracts.Topics;
import io.vigie.contracts.WatchChanged;
import io.vigie.contracts.WatchDefinition;
import io.vigie.testsupport.VigieContainers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The Kafka side of the notification ITs: topics, watches and alerts on the shared test broker. */
final class NotifyKafka {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private NotifyKafka() {
    }

    /** Creates the alert topic of a test (3 partitions) and the compacted watch topic, if missing. */
    static void createTopics(String alertTopic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                VigieContainers.KAFKA.getBootstrapServers()))) {
            TopicSpec watches = Topics.WATCH_CHANGED_SPEC;
            for (NewTopic topic : List.of(new NewTopic(alertTopic, 3, (short) 1),
                    new NewTopic(watches.name(), watches.partitions(), (short) 1).configs(watches.configs()))) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    static void sendWatch(WatchDefinition watch) throws Exception {
        send(Topics.WATCH_CHANGED, watch.id(), JSON.writeValueAsString(
                new WatchChanged(WatchChanged.SCHEMA_VERSION, watch.id(), watch, Instant.now(), "it")));
    }

    static void sendAlert(String topic, AlertRaised alert) throws Exception {
        send(topic, alert.watchId(), JSON.writeValueAsString(alert));
    }

    /**
     * Sends alerts in order through one producer, each acknowledged before the next.
     *
     * @return {@link System#nanoTime()} at the acknowledgement of each alert, by its idempotency key
     */
    static Map<String, Long> sendAlerts(String topic, List<AlertRaised> alerts) throws Exception {
        Map<String, Long> sentAt = new java.util.HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (AlertRaised alert : alerts) {
                producer.send(new ProducerRecord<>(topic, alert.watchId(), JSON.writeValueAsString(alert))).get();
                sentAt.put(Delivery.idempotencyKey(alert), System.nanoTime());
            }
        }
        return sentAt;
    }

    /** Sends alerts in one go (one flush), so that the consumer most likely reads them in one poll. */
    static void sendAlertsTogether(String topic, List<AlertRaised> alerts) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (AlertRaised alert : alerts) {
                producer.send(new ProducerRecord<>(topic, alert.watchId(), JSON.writeValueAsString(alert)));
            }
            producer.flush();
        }
    }

    private static void send(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
