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
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3's last test, on the real Kafka of {@link VigieContainers}: two ingest-service JVMs with the product default
 * (sources shared between instances), one consumer group and one watch on {@value #FEEDS} RSS feeds. The first polls
 * every feed alone; once the second joined and the group settled, each feed is requested by exactly one of them (told
 * apart by their User-Agent), the newcomer resuming its feeds from the stored cursors; after one is SIGKILLed the
 * survivor polls every feed, resuming the dead one's feeds from their stored cursors, and {@code mention-ingested}
 * holds every item exactly once.
 * <p>
 * The feed paths are chosen so their source instances fall on distinct {@code source-cursors} partitions: the group
 * then gives each JVM three of them, and the split is visible whatever the hash of this run's URLs.
 */
class TwoInstancesIT {

    private static final Logger log = LoggerFactory.getLogger(TwoInstancesIT.class);
    private static final int FEEDS = 6;
    private static final int ITEMS_PER_FEED = 4;
    /** Poll rounds observed per feed before judging who polls what. */
    private static final int ROUNDS = 3;
    /** What KafkaSourceCursors logs once the group gave it partitions. */
    private static final String ASSIGNED = "source cursors: polling the sources of partitions";
    private static final Duration START = Duration.ofSeconds(180);

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String AGENT_A = "vigie-two-it-a/" + RUN;
    private static final String AGENT_B = "vigie-two-it-b/" + RUN;
    private static final MockWebServer SERVER = new MockWebServer();
    private static final List<Fetch> FETCHES = new CopyOnWriteArrayList<>();
    private static final List<ServiceProcess> PROCESSES = new CopyOnWriteArrayList<>();

    /** One request the feed server saw. */
    private record Fetch(String path, String agent, String ifNoneMatch) {
    }

    @BeforeAll
    static void serveTheFeeds() throws IOException {
        SERVER.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                FETCHES.add(new Fetch(path, request.getHeaders().get("User-Agent"), request.getHeaders().get("If-None-Match")));
                if (etag(path).equals(request.getHeaders().get("If-None-Match"))) {
                    return new MockResponse.Builder().code(304).build();
                }
                return new MockResponse.Builder()
                        .addHeader("Content-Type", "application/rss+xml; charset=utf-8")
                        .addHeader("ETag", etag(path))
                        .body(new okio.Buffer().write(feed(path)))
                        .build();
            }
        });
        SERVER.start();
    }

    /** Killed whatever happened, so no ingest JVM outlives the test. */
    @AfterAll
    static void killEverything() throws Exception {
        for (ServiceProcess process : PROCESSES) {
            process.close();
        }
        SERVER.close();
    }

    @Test
    void eachFeedIsPolledByExactlyOneInstanceAndTheSurvivorTakesOverWithoutDuplicates() throws Exception {
        List<String> paths = pathsOnDistinctPartitions();
        Set<String> expected = paths.stream()
                .flatMap(path -> IntStream.rangeClosed(1, ITEMS_PER_FEED).mapToObj(n -> MentionId.of("rss", guid(path, n))))
                .collect(Collectors.toSet());

        // 1. a alone polls every feed and publishes every item; then b joins the group and takes half the partitions.
        ServiceProcess a = start("two-a", settings(paths, AGENT_A));
        await("a alone polls every feed").atMost(START)
                .until(() -> alive(a) != null && paths.stream().allMatch(path -> requestsOf(path, 0, AGENT_A) >= 1)
                        && published(expected).size() == expected.size());
        ServiceProcess b = start("two-b", settings(paths, AGENT_B));
        // With the group's eager assignor, a has released b's partitions before b is given them.
        await("b is given source-cursors partitions").atMost(START).pollInterval(Duration.ofMillis(200))
                .until(() -> alive(a) != null && alive(b).linesContaining(ASSIGNED) > 0);
        int settled = FETCHES.size();
        await(ROUNDS + " poll rounds of every feed after the group settled").atMost(Duration.ofSeconds(90))
                .until(() -> alive(a) != null && alive(b) != null
                        && paths.stream().allMatch(path -> requestsOf(path, settled) >= ROUNDS));
        List<Fetch> window = List.copyOf(FETCHES.subList(settled, FETCHES.size()));
        Map<String, Set<String>> agentsPerPath = agentsPerPath(window);
        log.info("two-instances IT: {} requests in the window; agents per feed: {}", window.size(), agentsPerPath);
        assertThat(agentsPerPath.keySet()).as("every feed polled").containsExactlyInAnyOrderElementsOf(paths);
        assertThat(agentsPerPath).as("each feed polled by exactly one JVM")
                .allSatisfy((path, agents) -> assertThat(agents).hasSize(1));
        Set<String> polledByB = pathsPolledBy(window, AGENT_B);
        assertThat(pathsPolledBy(window, AGENT_A)).as("feeds of JVM a").hasSize(FEEDS / 2);
        assertThat(polledByB).as("feeds of JVM b").hasSize(FEEDS / 2);
        for (String path : polledByB) {
            Fetch first = FETCHES.stream().filter(f -> f.path().equals(path) && AGENT_B.equals(f.agent())).findFirst().orElseThrow();
            assertThat(first.ifNoneMatch()).as("b's first request of %s resumes from a's cursor", path).isEqualTo(etag(path));
        }

        Map<String, Integer> beforeKill = published(expected);
        report("two JVMs", beforeKill, expected.size());
        assertThat(beforeKill).as("no item published twice by the two JVMs")
                .allSatisfy((id, copies) -> assertThat(copies).isEqualTo(1));

        // 2. SIGKILL b: after its session expires the group gives its partitions to a, which resumes from the cursors.
        b.kill();
        int killedAt = FETCHES.size();
        Instant killed = Instant.now();
        await("the survivor polls the dead JVM's feeds").atMost(Duration.ofSeconds(90))
                .until(() -> alive(a) != null && polledByB.stream().allMatch(path -> requestsOf(path, killedAt, AGENT_A) >= 2));
        log.info("two-instances IT: survivor polled b's {} feeds twice within {} s of the kill",
                polledByB.size(), Duration.between(killed, Instant.now()).toSeconds());
        List<Fetch> afterKill = List.copyOf(FETCHES.subList(killedAt, FETCHES.size()));
        assertThat(pathsPolledBy(afterKill, AGENT_A)).as("the survivor polls every feed").containsExactlyInAnyOrderElementsOf(paths);
        for (String path : polledByB) {
            Fetch first = afterKill.stream().filter(f -> f.path().equals(path) && AGENT_A.equals(f.agent())).findFirst().orElseThrow();
            assertThat(first.ifNoneMatch()).as("survivor's first request of %s resumes from the cursor in %s", path,
                    KafkaSourceCursors.TOPIC).isEqualTo(etag(path));
        }
        Map<String, Integer> atTheEnd = published(expected);
        report("after the takeover", atTheEnd, expected.size());
        assertThat(atTheEnd.keySet()).as("every item published").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(atTheEnd).as("no item published twice").allSatisfy((id, copies) -> assertThat(copies).isEqualTo(1));
    }

    /**
     * Six feed paths whose source instances hash to six distinct partitions of {@code source-cursors}, the way
     * KafkaSourceCursors places them (murmur2 of the instance id, as Kafka's producer does).
     */
    private static List<String> pathsOnDistinctPartitions() {
        int partitions = KafkaSourceCursors.TOPIC_SPEC.partitions();
        Map<Integer, String> byPartition = new TreeMap<>();
        for (int k = 0; byPartition.size() < FEEDS; k++) {
            String path = "/two/" + RUN + "/feed-" + k + ".xml";
            String instanceId = "rss:" + SERVER.url(path);
            int partition = Utils.toPositive(Utils.murmur2(instanceId.getBytes(StandardCharsets.UTF_8))) % partitions;
            byPartition.putIfAbsent(partition, path);
        }
        return List.copyOf(byPartition.values());
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

    /** Sharing left at its default (on), one group and one watch topic of this run's own, short sessions. */
    private static Map<String, String> settings(List<String> paths, String agent) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("spring.kafka.bootstrap-servers", VigieContainers.KAFKA.getBootstrapServers());
        settings.put("vigie.ingest.watch-store.topic", "it-two-watch-changed-" + RUN);
        settings.put("vigie.ingest.polling.group", "it-two-pollers-" + RUN);
        // The shortest session the broker accepts by default: a SIGKILLed member leaves the group in ~6 s, not 45.
        settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        settings.put("vigie.ingest.watches[0].id", "two-" + RUN);
        settings.put("vigie.ingest.watches[0].name", "Two instances " + RUN);
        settings.put("vigie.ingest.watches[0].keywords[0]", "nuvelia");
        for (int i = 0; i < paths.size(); i++) {
            settings.put("vigie.ingest.watches[0].feeds[" + i + "]", SERVER.url(paths.get(i)).toString());
        }
        settings.put("vigie.ingest.rss.poll-interval", "2s");
        settings.put("vigie.ingest.rss.user-agent", agent);
        return settings;
    }

    private static long requestsOf(String path, int from) {
        return FETCHES.subList(from, FETCHES.size()).stream().filter(f -> f.path().equals(path)).count();
    }

    private static long requestsOf(String path, int from, String agent) {
        return FETCHES.subList(from, FETCHES.size()).stream()
                .filter(f -> f.path().equals(path) && agent.equals(f.agent())).count();
    }

    private static Map<String, Set<String>> agentsPerPath(List<Fetch> fetches) {
        return fetches.stream().collect(Collectors.groupingBy(Fetch::path, TreeMap::new,
                Collectors.mapping(Fetch::agent, Collectors.toCollection(TreeSet::new))));
    }

    private static Set<String> pathsPolledBy(List<Fetch> fetches, String agent) {
        return fetches.stream().filter(f -> agent.equals(f.agent())).map(Fetch::path).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void report(String when, Map<String, Integer> copies, int items) {
        int records = copies.values().stream().mapToInt(Integer::intValue).sum();
        log.info("two-instances IT {}: {} records of this run's items on {}, {} distinct ids, {} duplicates (expected {} items)",
                when, records, Topics.MENTION_INGESTED, copies.size(), records - copies.size(), items);
    }

    /** Copies per id of this run's items on {@code mention-ingested}, read from the start to the end. */
    private static Map<String, Integer> published(Set<String> ids) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Integer> copies = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            var infos = consumer.partitionsFor(Topics.MENTION_INGESTED, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                return copies;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + Topics.MENTION_INGESTED + " to its end within 30 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (ids.contains(record.key())) {
                        copies.merge(record.key(), 1, Integer::sum);
                    }
                }
            }
        }
        return copies;
    }

    private static String etag(String path) {
        return "\"two-it-" + Integer.toHexString(path.hashCode()) + "\"";
    }

    private static String guid(String path, int n) {
        return "urn:vigie:two-it:" + path + ":" + n;
    }

    /** An RSS 2.0 feed of a few items, each mentioning the watched brand. */
    private static byte[] feed(String path) {
        DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        Instant now = Instant.now();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
                + "<title>Two instances IT " + path + "</title><link>https://example.org/two</link><description>test feed</description>\n");
        for (int n = 1; n <= ITEMS_PER_FEED; n++) {
            xml.append("<item><title>Nuvelia ").append(path).append(" item ").append(n).append("</title>")
                    .append("<link>https://example.org").append(path).append('/').append(n).append("</link>")
                    .append("<guid isPermaLink=\"false\">").append(guid(path, n)).append("</guid>")
                    .append("<pubDate>").append(rfc1123.format(now.minusSeconds(60L * n))).append("</pubDate>")
                    .append("<description>Avis n°").append(n).append(" sur Nuvelia : coupure de courant.</description>")
                    .append("</item>\n");
        }
        return xml.append("</channel></rss>\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
