package io.vigie.ingest.crash;

import io.vigie.contracts.MentionId;
import io.vigie.contracts.Topics;
import io.vigie.ingest.cursor.KafkaSourceCursors;
import io.vigie.testsupport.ServiceProcess;
import io.vigie.testsupport.VigieContainers;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3's crash test, on the real Kafka of {@link VigieContainers}: an ingest-service JVM of its own fetches a feed
 * of {@value #ITEMS} items and is SIGKILLed once the producer logged every record as queued but before Kafka
 * acknowledged any (linger.ms holds them back); a new JVM re-fetches (its cursor never advanced), and
 * {@code mention-ingested} then holds every item exactly once by id. A third JVM, started after the second stored
 * its cursor in {@code source-cursors}, resumes from it (conditional GET) and publishes nothing again.
 * <p>
 * Not a {@code @SpringBootTest}: the service under test runs in child processes; this JVM only hosts the containers.
 */
class IngestCrashIT {

    private static final Logger log = LoggerFactory.getLogger(IngestCrashIT.class);
    private static final int ITEMS = 50;
    private static final String ETAG = "\"crash-it-v1\"";
    /** What KafkaProducer logs at TRACE when it queues a record, before sending it. */
    private static final String QUEUED = "to topic " + Topics.MENTION_INGESTED + " partition";
    private static final Duration START = Duration.ofSeconds(150);

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final MockWebServer FEEDS = new MockWebServer();
    private static final List<RecordedRequest> REQUESTS = new CopyOnWriteArrayList<>();
    private static final List<ServiceProcess> PROCESSES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void serveTheFeed() throws IOException {
        byte[] feed = feed();
        FEEDS.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                REQUESTS.add(request);
                if (ETAG.equals(request.getHeaders().get("If-None-Match"))) {
                    return new MockResponse.Builder().code(304).build();
                }
                return new MockResponse.Builder()
                        .addHeader("Content-Type", "application/rss+xml; charset=utf-8")
                        .addHeader("ETag", ETAG)
                        .body(new okio.Buffer().write(feed))
                        .build();
            }
        });
        FEEDS.start();
    }

    /** Killed whatever happened, so no ingest JVM outlives the test. */
    @AfterAll
    static void killEverything() throws Exception {
        for (ServiceProcess process : PROCESSES) {
            process.close();
        }
        FEEDS.close();
    }

    @Test
    void aJvmKilledBetweenFetchAndAckLosesNothingAndRepeatsNothing() throws Exception {
        String feedUrl = FEEDS.url("/crash/" + RUN + "/feed.xml").toString();
        String sourceId = "rss:" + feedUrl;
        Set<String> expected = IntStream.rangeClosed(1, ITEMS).mapToObj(n -> MentionId.of("rss", guid(n)))
                .collect(Collectors.toSet());
        Map<String, String> settings = settings(feedUrl);

        // 1. Fetch, queue every record, and die before the broker acknowledges any of them.
        Map<String, String> slowAcks = new LinkedHashMap<>(settings);
        slowAcks.put("spring.kafka.producer.properties.linger.ms", "8000");
        slowAcks.put("spring.kafka.producer.batch-size", "4194304");
        slowAcks.put("logging.level.org.apache.kafka.clients.producer.KafkaProducer", "TRACE");
        ServiceProcess first = start("crash-1", slowAcks);
        await("first JVM fetches and queues all " + ITEMS + " items").atMost(START).pollInterval(Duration.ofMillis(50))
                .until(() -> alive(first).linesContaining(QUEUED) >= ITEMS);
        first.kill();
        int fetchesBeforeKill = REQUESTS.size();
        Map<String, Integer> ackedBeforeKill = published(expected);
        log.info("crash IT: killed {} after {} fetch(es) and {} queued records; {} of {} items on {} at the kill",
                first.name(), fetchesBeforeKill, first.linesContaining(QUEUED), ackedBeforeKill.size(), ITEMS, Topics.MENTION_INGESTED);
        assertThat(fetchesBeforeKill).as("feed fetches by the first JVM").isEqualTo(1);
        assertThat(ackedBeforeKill).as("items acknowledged before the kill (the kill must land before the ack)").isEmpty();
        assertThat(storedCursor(sourceId)).as("cursor stored by the killed JVM").isNull();

        // 2. A new JVM reads the feed again from scratch (no cursor) and publishes every item once.
        ServiceProcess second = start("crash-2", settings);
        await("second JVM publishes every item").atMost(START)
                .until(() -> alive(second) != null && published(expected).size() == ITEMS);
        await("second JVM stores its cursor").atMost(Duration.ofSeconds(30))
                .until(() -> storedCursor(sourceId) != null && storedCursor(sourceId).contains(ETAG.replace("\"", "")));
        RecordedRequest refetch = REQUESTS.get(fetchesBeforeKill);
        assertThat(refetch.getHeaders().get("If-None-Match")).as("the second JVM's first fetch is unconditional").isNull();
        Map<String, Integer> afterRestart = published(expected);
        report("after the restart", afterRestart);
        assertThat(afterRestart.keySet()).as("every item published").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(afterRestart).as("no item published twice").allSatisfy((id, copies) -> assertThat(copies).isEqualTo(1));

        // 3. After a clean cursor write, a third JVM resumes from source-cursors: conditional GET, nothing re-published.
        second.kill();
        int fetchesBeforeThird = REQUESTS.size();
        ServiceProcess third = start("crash-3", settings);
        await("third JVM polls the feed").atMost(START).until(() -> alive(third) != null && REQUESTS.size() > fetchesBeforeThird);
        assertThat(REQUESTS.get(fetchesBeforeThird).getHeaders().get("If-None-Match"))
                .as("the third JVM resumes from the cursor in %s", KafkaSourceCursors.TOPIC).isEqualTo(ETAG);
        // A second poll has started only once the first one (the 304) is over: whatever it would publish is there.
        await("third JVM completes a poll").atMost(Duration.ofSeconds(30))
                .until(() -> alive(third) != null && REQUESTS.size() > fetchesBeforeThird + 1);
        Map<String, Integer> atTheEnd = published(expected);
        report("after the third JVM resumed", atTheEnd);
        assertThat(atTheEnd).as("still every item exactly once").hasSize(ITEMS)
                .allSatisfy((id, copies) -> assertThat(copies).isEqualTo(1));
    }

    private static ServiceProcess start(String name, Map<String, String> settings) throws IOException {
        ServiceProcess process = ServiceProcess.start("ingest-service", name, settings);
        PROCESSES.add(process);
        return process;
    }

    /** Fails the wait at once, with the console, if the process died on its own. */
    private static ServiceProcess alive(ServiceProcess process) {
        if (!process.isAlive()) {
            throw new AssertionError("ingest JVM exited on its own: " + process.tail());
        }
        return process;
    }

    /** A watch on the feed, a watch topic of this run's own, the test Kafka, no HTTP port clash. */
    private static Map<String, String> settings(String feedUrl) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("spring.kafka.bootstrap-servers", VigieContainers.KAFKA.getBootstrapServers());
        settings.put("vigie.ingest.watch-store.topic", "it-crash-watch-changed-" + RUN);
        settings.put("vigie.ingest.watches[0].id", "crash-" + RUN);
        settings.put("vigie.ingest.watches[0].name", "Crash " + RUN);
        settings.put("vigie.ingest.watches[0].keywords[0]", "nuvelia");
        settings.put("vigie.ingest.watches[0].feeds[0]", feedUrl);
        settings.put("vigie.ingest.rss.poll-interval", "1s");
        // Sharing is on (the product default), in a group of this run's own: the killed JVM's membership ends after
        // the shortest session the broker allows, not the 45 s default, before the next JVM is given the sources.
        settings.put("vigie.ingest.polling.group", "it-crash-pollers-" + RUN);
        settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        return settings;
    }

    private static void report(String when, Map<String, Integer> copies) {
        int records = copies.values().stream().mapToInt(Integer::intValue).sum();
        log.info("crash IT {}: {} records of this run's items on {}, {} distinct ids, {} duplicates (expected {} items)",
                when, records, Topics.MENTION_INGESTED, copies.size(), records - copies.size(), ITEMS);
    }

    /** Copies per id of this run's items on {@code mention-ingested}, read from the start to the end. */
    private static Map<String, Integer> published(Set<String> ids) {
        Map<String, Integer> copies = new HashMap<>();
        readAll(Topics.MENTION_INGESTED, record -> {
            if (ids.contains(record.key())) {
                copies.merge(record.key(), 1, Integer::sum);
            }
            return false;
        });
        return copies;
    }

    /** The last stored cursor value of that source instance, or null. */
    private static String storedCursor(String sourceId) {
        List<String> values = new ArrayList<>();
        readAll(KafkaSourceCursors.TOPIC, record -> {
            if (sourceId.equals(record.key())) {
                values.add(record.value());
            }
            return false;
        });
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static void readAll(String topic, Predicate<ConsumerRecord<String, String>> visitor) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return;
            }
            List<TopicPartition> partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    visitor.test(record);
                }
            }
        }
    }

    private static String guid(int n) {
        return "urn:vigie:crash-it:" + RUN + ":" + n;
    }

    /** An RSS 2.0 feed shaped like a Google Alerts / news feed, every item mentioning the watched brand. */
    private static byte[] feed() {
        DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        Instant now = Instant.now();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>Crash IT " + RUN + "</title><link>https://example.org/crash</link><description>test feed</description>\n");
        for (int n = 1; n <= ITEMS; n++) {
            xml.append("<item><title>Nuvelia item ").append(n).append("</title>")
                    .append("<link>https://example.org/crash/").append(RUN).append('/').append(n).append("</link>")
                    .append("<guid isPermaLink=\"false\">").append(guid(n)).append("</guid>")
                    .append("<pubDate>").append(rfc1123.format(now.minusSeconds(60L * n))).append("</pubDate>")
                    .append("<description>Avis n°").append(n).append(" sur Nuvelia : facture reçue deux fois.</description>")
                    .append("</item>\n");
        }
        return xml.append("</channel></rss>\n").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
