package io.vigie.alert;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.Severity;
import io.vigie.contracts.TopicSpec;
import io.vigie.contracts.Topics;
import io.vigie.testsupport.ServiceProcess;
import io.vigie.testsupport.VigieContainers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's crash test, on the real Kafka and OpenSearch of {@link VigieContainers}: alert-service runs in a JVM of
 * its own (its executable jar, a state directory, application id, consumer groups and topics of this run's own) and
 * is SIGKILLed twice in the middle of the demo crisis. The first JVM replays the 14 ordinary days (no alert) and the
 * start of the crisis until the incident opens and its notification is recorded sent, then dies; the crisis goes on
 * while it is down. A second JVM on the same state directory catches up until the incident escalates, and is killed
 * too; the rest of the crisis is published while nothing runs. A third JVM starts on an empty state directory, so its
 * windows and the incident's memory come back from the changelog topics alone, and escalates the same incident to high.
 * <p>
 * The webhook receiver (WireMock in this JVM) must have got each (alert id, status, severity) exactly once, all for
 * one incident id, and {@code vigie-alerts} must hold that one incident at its final severity.
 * <p>
 * Not a {@code @SpringBootTest}: the service under test runs in child processes; this JVM only hosts the containers,
 * whose addresses it passes to the children on their command line.
 */
class AlertCrashIT {

    private static final Logger log = LoggerFactory.getLogger(AlertCrashIT.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String WATCH = "crash-" + RUN;
    private static final String MENTIONS = "crash-it-mentions-" + RUN;
    private static final String ALERTS = "crash-it-alerts-" + RUN;
    private static final String APPLICATION_ID = "crash-it-alert-" + RUN;
    private static final String REPARTITION = APPLICATION_ID + "-mentions-by-watch-repartition";
    private static final String HOOK = "/crash/" + RUN + "/hook";
    private static final Duration WINDOW = Duration.ofMinutes(15);
    /** Crisis mentions published per step while the service waits for the next incident event. */
    private static final int CHUNK = 3;
    /** Start-up, restore and catch-up of one JVM on a loaded machine. */
    private static final Duration START = Duration.ofSeconds(150);

    private static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());
    private static final List<ServiceProcess> PROCESSES = new CopyOnWriteArrayList<>();
    private static final Map<ServiceProcess, Integer> PORTS = new ConcurrentHashMap<>();

    @BeforeAll
    static void receiverAndTopics() throws Exception {
        RECEIVER.start();
        RECEIVER.stubFor(post(HOOK).willReturn(ok()));
        TopicSpec events = Topics.MENTION_SCORED_SPEC;
        TopicSpec watches = Topics.WATCH_CHANGED_SPEC;
        createTopics(new NewTopic(MENTIONS, events.partitions(), (short) 1),
                new NewTopic(ALERTS, Topics.ALERT_RAISED_SPEC.partitions(), (short) 1),
                // Present, so the notification consumer does not wait for a watch list that will never come.
                new NewTopic(watches.name(), watches.partitions(), (short) 1).configs(watches.configs()));
    }

    /** Killed whatever happened, so no alert-service JVM outlives the test. */
    @AfterAll
    static void killEverything() throws Exception {
        for (ServiceProcess process : PROCESSES) {
            process.close();
        }
        RECEIVER.stop();
    }

    @Test
    void killedTwiceMidCrisisTheServiceKeepsOneIncidentAndNotifiesEachChangeOnce() throws Exception {
        List<DemoDataset.Line> lines = DemoDataset.lines();
        List<DemoDataset.Line> ordinary = lines.stream().filter(line -> !line.crisis()).toList();
        List<DemoDataset.Line> crisis = lines.stream().filter(DemoDataset.Line::crisis).toList();
        // The crisis fills the last finished window exactly (its offsets run from 0 to under 15 minutes): its
        // mentions are not capped to "now" as future ones would be, and none falls into a window of their own.
        long windowMillis = WINDOW.toMillis();
        Instant replayStart = Instant.ofEpochMilli(System.currentTimeMillis() / windowMillis * windowMillis).minus(WINDOW);
        assertThat(crisis).allMatch(line -> line.offsetSeconds() < WINDOW.toSeconds());
        Path stateDir = Files.createTempDirectory("alert-crash-it");
        long started = System.nanoTime();

        // 1. History, then the crisis until the incident opens; its notification is recorded sent; SIGKILL.
        ServiceProcess first = start("alert-crash-1-" + RUN, stateDir);
        send(ordinary, replayStart);
        awaitProcessed(first);
        assertThat(alerts()).as("alerts raised during the %d ordinary mentions", ordinary.size()).isEmpty();
        Iterator<DemoDataset.Line> rest = crisis.iterator();
        AlertRaised opened = publishUntilNextEvent(first, rest, replayStart, Set.of());
        assertThat(opened.effectiveStatus()).isEqualTo(AlertStatus.OPEN);
        awaitNotifiedAndRecordedSent(first, opened);
        int firstExit = kill(first);

        // 2. The crisis goes on while nothing runs; a JVM on the same state directory catches up until it escalates.
        send(next(rest, CHUNK), replayStart);
        ServiceProcess second = start("alert-crash-2-" + RUN, stateDir);
        AlertRaised escalated = publishUntilNextEvent(second, rest, replayStart, Set.of(key(opened)));
        assertThat(escalated.effectiveStatus()).isEqualTo(AlertStatus.ESCALATED);
        awaitNotifiedAndRecordedSent(second, escalated);
        int secondExit = kill(second);

        // 3. The rest of the crisis while nothing runs; a JVM with an empty state directory: changelogs only.
        List<DemoDataset.Line> remaining = next(rest, Integer.MAX_VALUE);
        send(remaining, replayStart);
        ServiceProcess third = start("alert-crash-3-" + RUN, Files.createTempDirectory("alert-crash-it-fresh"));
        awaitProcessed(third);
        await("the escalation to high").atMost(Duration.ofSeconds(60))
                .until(() -> alerts().stream().anyMatch(alert -> alert.severity() == Severity.HIGH));
        AlertRaised last = alerts().stream().filter(alert -> alert.severity() == Severity.HIGH).findFirst().orElseThrow();
        awaitNotifiedAndRecordedSent(third, last);
        // Anything sent twice would be sent by now: the workers poll every second and retry after a second.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                .until(() -> notified().values().stream().allMatch(count -> count == 1));

        List<AlertRaised> raised = alerts();
        Map<String, Long> notified = notified();
        log.info("crash IT: {} s in all; exits {} and {}; {} alert records on {} ({} distinct events): {}; "
                        + "webhook got {} requests: {}; {} crisis mentions after the last kill",
                (System.nanoTime() - started) / 1_000_000_000, firstExit, secondExit, raised.size(), ALERTS,
                distinctEvents(raised), raised.stream().map(AlertCrashIT::key).toList(),
                RECEIVER.getAllServeEvents().size(), notified, remaining.size());

        // One incident for the whole crisis, across two crashes and a restore from the changelogs.
        assertThat(raised).extracting(AlertRaised::id).containsOnly(opened.id());
        assertThat(raised).extracting(AlertRaised::watchId).containsOnly(WATCH);
        assertThat(raised).filteredOn(alert -> alert.effectiveStatus() == AlertStatus.OPEN).extracting(AlertCrashIT::key)
                .as("open events").containsOnly(key(opened));
        Set<String> notifiable = raised.stream()
                .filter(alert -> alert.effectiveStatus() == AlertStatus.OPEN || alert.effectiveStatus() == AlertStatus.ESCALATED)
                .map(AlertCrashIT::key).collect(Collectors.toSet());
        assertThat(notified.keySet()).as("webhook requests by Idempotency-Key").isEqualTo(notifiable);
        // Each change told once, at rising severities, up to high.
        assertThat(notified).as("webhook requests per Idempotency-Key").allSatisfy((key, count) ->
                assertThat(count).as(key).isEqualTo(1));
        assertThat(notified).containsKeys(key(opened), key(escalated), key(last));
        List<Severity> severities = raised.stream().filter(alert -> alert.effectiveStatus() != AlertStatus.UPDATED)
                .map(AlertRaised::severity).distinct().toList();
        assertThat(severities).isSorted().endsWith(Severity.HIGH);
        assertThat(RECEIVER.getAllServeEvents()).allSatisfy(event -> {
            AlertRaised body = JSON.readValue(event.getRequest().getBodyAsString(), AlertRaised.class);
            assertThat(key(body)).isEqualTo(event.getRequest().getHeader("Idempotency-Key"));
        });

        // One stored incident for the watch, at its final severity.
        await("the incident stored at high").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<JsonNode> stored = storedIncidents();
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).get("id").asString()).isEqualTo(opened.id());
            assertThat(stored.get(0).get("severity").asString()).isEqualToIgnoringCase("high");
        });
        assertThat(third.isAlive()).as(third.tail()).isTrue();
    }

    /**
     * Publishes the crisis {@value #CHUNK} mentions at a time, each once the service has processed everything before
     * it, until the service raises an incident event (id, status, severity) that is not among {@code known}.
     */
    private static AlertRaised publishUntilNextEvent(ServiceProcess process, Iterator<DemoDataset.Line> crisis,
                                                     Instant replayStart, Set<String> known) throws Exception {
        while (true) {
            awaitProcessed(process);
            var fresh = alerts().stream().filter(alert -> !known.contains(key(alert))).findFirst();
            if (fresh.isPresent()) {
                log.info("crash IT: {} raised {}", process.name(), key(fresh.get()));
                return fresh.get();
            }
            List<DemoDataset.Line> chunk = next(crisis, CHUNK);
            assertThat(chunk).as("crisis mentions left while waiting for an event besides %s", known).isNotEmpty();
            send(chunk, replayStart);
        }
    }

    /** The webhook got it, and the delivery log says sent: killing now cannot make it be re-sent. */
    private static void awaitNotifiedAndRecordedSent(ServiceProcess process, AlertRaised alert) {
        String key = key(alert);
        await("webhook call " + key).atMost(Duration.ofSeconds(60))
                .until(() -> alive(process) != null && notified().containsKey(key));
        await("delivery " + key + " recorded sent").atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(Exception.class).until(() -> {
            JsonNode deliveries = JSON.readTree(get("http://127.0.0.1:" + port(process) + "/api/alerts/deliveries?alertId="
                    + URLEncoder.encode(alert.id(), StandardCharsets.UTF_8)));
            for (JsonNode delivery : deliveries) {
                String deliveryKey = delivery.get("alertId").asString() + ":"
                        + delivery.get("status").asString().toLowerCase(Locale.ROOT) + ":"
                        + delivery.get("severity").asString().toLowerCase(Locale.ROOT);
                if (deliveryKey.equals(key) && delivery.get("state").asString().equalsIgnoreCase("sent")) {
                    return true;
                }
            }
            return false;
        });
    }

    private static int port(ServiceProcess process) {
        return PORTS.get(process);
    }

    private static ServiceProcess start(String name, Path stateDir) throws IOException {
        int port = freePort();
        ServiceProcess process = ServiceProcess.start("alert-service", name, settings(stateDir, port));
        PROCESSES.add(process);
        PORTS.put(process, port);
        log.info("crash IT: started {} (pid {}) on port {} with state directory {}", name, process.pid(), port, stateDir);
        return process;
    }

    /** SIGKILL, and check the process is gone. */
    private static int kill(ServiceProcess process) throws InterruptedException {
        assertThat(process.isAlive()).as("%s alive until the kill: %s", process.name(), process.tail()).isTrue();
        int exit = process.kill();
        assertThat(process.isAlive()).isFalse();
        assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive)).as("pid %d", process.pid())
                .isNotEqualTo(java.util.Optional.of(true));
        assertThat(exit).as("exit code of %s (128 + SIGKILL)", process.name()).isEqualTo(137);
        log.info("crash IT: SIGKILLed {} (pid {}), exit code {}", process.name(), process.pid(), exit);
        return exit;
    }

    /** Fails the wait at once, with the console, if the process died on its own. */
    private static ServiceProcess alive(ServiceProcess process) {
        if (!process.isAlive()) {
            throw new AssertionError("alert-service JVM exited on its own: " + process.tail());
        }
        return process;
    }

    /**
     * The test's Kafka and OpenSearch; a stream, topics and consumer groups of this run's own (other ITs of the JVM
     * use the real topic names); the webhook of this JVM; commits and notification polls fast enough for a test.
     */
    private static Map<String, String> settings(Path stateDir, int port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", Integer.toString(port));
        settings.put("spring.kafka.bootstrap-servers", VigieContainers.KAFKA.getBootstrapServers());
        settings.put("vigie.opensearch.url", VigieContainers.openSearchUrl());
        settings.put("spring.cloud.stream.kafka.streams.binder.application-id", APPLICATION_ID);
        settings.put("spring.cloud.stream.kafka.streams.binder.configuration.state.dir", stateDir.toString());
        settings.put("spring.cloud.stream.kafka.streams.binder.configuration.commit.interval.ms", "200");
        // The killed JVM leaves the groups after the shortest session the broker allows, not 45 s.
        settings.put("spring.cloud.stream.kafka.streams.binder.configuration.session.timeout.ms", "6000");
        settings.put("spring.cloud.stream.kafka.streams.binder.configuration.heartbeat.interval.ms", "1000");
        settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
        settings.put("spring.cloud.stream.bindings.raiseAlert-in-0.destination", MENTIONS);
        settings.put("spring.cloud.stream.bindings.raiseAlert-out-0.destination", ALERTS);
        settings.put("vigie.alert.incidents.topic", ALERTS);
        settings.put("vigie.alert.incidents.consumer-group", "crash-it-history-" + RUN);
        settings.put("vigie.alert.notify.topic", ALERTS);
        settings.put("vigie.alert.notify.group", "crash-it-notify-" + RUN);
        settings.put("vigie.alert.notify.index", "vigie-deliveries-crash-it-" + RUN);
        settings.put("vigie.alert.notify.poll-interval", "1s");
        settings.put("vigie.alert.notify.retry-pause", "1s");
        settings.put("vigie.alert.webhook.url", RECEIVER.baseUrl() + HOOK);
        settings.put("vigie.alert.webhook.allow-private-addresses", "true");
        settings.put("vigie.alert.webhook.initial-backoff", "200ms");
        return settings;
    }

    /** Waits until the stream has committed everything on its input and repartition topics: all is processed. */
    private static void awaitProcessed(ServiceProcess process) {
        try (Admin admin = admin()) {
            await(process.name() + " processes everything published").atMost(START).pollInterval(Duration.ofMillis(300))
                    .ignoreExceptionsInstanceOf(Exception.class).until(() -> {
                        alive(process);
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                                .partitionsToOffsetAndMetadata().get();
                        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                        for (String topic : List.of(MENTIONS, REPARTITION)) {
                            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                        }
                        return admin.listOffsets(latest).all().get().entrySet().stream().allMatch(end -> {
                            OffsetAndMetadata done = committed.get(end.getKey());
                            return end.getValue().offset() == 0 || done != null && done.offset() >= end.getValue().offset();
                        });
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + process.tail(), e);
        }
    }

    /** Every record on this run's alert topic, in partition order (one watch: one partition). */
    private static List<AlertRaised> alerts() {
        List<AlertRaised> alerts = new ArrayList<>();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(ALERTS, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(ALERTS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + ALERTS + " to its end within 30 s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    alerts.add(JSON.readValue(record.value(), AlertRaised.class));
                }
            }
        }
        return alerts;
    }

    private static int distinctEvents(List<AlertRaised> alerts) {
        return (int) alerts.stream().map(AlertCrashIT::key).distinct().count();
    }

    /** What the webhook receiver sees in {@code Idempotency-Key}. */
    private static String key(AlertRaised alert) {
        return alert.id() + ":" + alert.effectiveStatus().name().toLowerCase(Locale.ROOT) + ":"
                + alert.severity().name().toLowerCase(Locale.ROOT);
    }

    /** Requests the receiver accepted, per {@code Idempotency-Key}. */
    private static Map<String, Long> notified() {
        return RECEIVER.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() / 100 == 2)
                .map(ServeEvent::getRequest)
                .collect(Collectors.groupingBy(request -> String.valueOf(request.getHeader("Idempotency-Key")),
                        LinkedHashMap::new, Collectors.counting()));
    }

    /** This run's watch's documents in {@code vigie-alerts}. */
    private static List<JsonNode> storedIncidents() throws Exception {
        String base = VigieContainers.openSearchUrl();
        HTTP.send(HttpRequest.newBuilder(URI.create(base + "/vigie-alerts/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String query = "{\"size\": 100, \"query\": {\"match_phrase\": {\"watchId\": \"" + WATCH + "\"}}}";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/vigie-alerts/_search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> incidents = new ArrayList<>();
        for (JsonNode hit : JSON.readTree(response.body()).get("hits").get("hits")) {
            if (WATCH.equals(hit.get("_source").get("watchId").asString())) {
                incidents.add(hit.get("_source"));
            }
        }
        return incidents;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static List<DemoDataset.Line> next(Iterator<DemoDataset.Line> lines, int count) {
        List<DemoDataset.Line> chunk = new ArrayList<>();
        while (chunk.size() < count && lines.hasNext()) {
            chunk.add(lines.next());
        }
        return chunk;
    }

    /** The demo mentions as this run's watch's, on this run's input topic. */
    private static void send(List<DemoDataset.Line> lines, Instant replayStart) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (DemoDataset.Line line : lines) {
                MentionScored demo = line.scored(replayStart);
                MentionScored scored = new MentionScored(demo.schemaVersion(), demo.mention().withWatchIds(List.of(WATCH)),
                        demo.language(), demo.languageConfidence(), demo.sentiment(), demo.scoredAt());
                producer.send(new ProducerRecord<>(MENTIONS, scored.mention().id(), JSON.writeValueAsString(scored)));
            }
            producer.flush();
        }
    }

    private static void createTopics(NewTopic... topics) throws Exception {
        try (Admin admin = admin()) {
            for (NewTopic topic : topics) {
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

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, VigieContainers.KAFKA.getBootstrapServers()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
