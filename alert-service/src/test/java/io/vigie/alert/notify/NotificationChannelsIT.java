package io.vigie.alert.notify;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vigie.alert.notify.delivery.Delivery;
import io.vigie.alert.watch.WatchDirectory;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import io.vigie.contracts.WatchAlerting;
import io.vigie.contracts.WatchDefinition;
import io.vigie.testsupport.VigieContainers;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every channel type against a real receiver (WireMock for Slack, Teams and webhooks, GreenMail for SMTP), fed by the
 * notification consumer from a real Kafka topic, with delivery records in a real OpenSearch. The stream does not run
 * here (alerts are produced directly), and the topic, group and index are this test's own, so the pipeline IT sharing
 * the broker sees none of these alerts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.streams.auto-startup=false",
        "vigie.alert.webhook.url=",
        "vigie.alert.notify.topic=" + NotificationChannelsIT.TOPIC,
        "vigie.alert.notify.group=notify-channels-it",
        "vigie.alert.notify.index=vigie-deliveries-channels-it",
        "vigie.alert.notify.ui-base-url=https://vigie.example.com",
        "vigie.alert.notify.poll-interval=1s",
        "vigie.alert.notify.retry-pause=500ms",
        "vigie.alert.notify.default-routes[0].min-severity=low",
        "vigie.alert.notify.default-routes[0].channels=slack,teams,hook"})
@ImportTestcontainers(VigieContainers.class)
class NotificationChannelsIT {

    static final String TOPIC = "notify-channels-it-alerts";
    private static final Logger log = LoggerFactory.getLogger(NotificationChannelsIT.class);
    private static final String SECRET = "it-signing-secret";
    /** How long the "flaky" receiver is down; -Dvigie.it.outage-seconds=30 for a longer outage. */
    private static final int OUTAGE_SECONDS = Integer.getInteger("vigie.it.outage-seconds", 8);

    private static final WireMockServer RECEIVERS = new WireMockServer(options().dynamicPort());
    private static final List<Arrival> BURST_ARRIVALS = new CopyOnWriteArrayList<>();
    private static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        RECEIVERS.start();
        RECEIVERS.stubFor(post("/slack").willReturn(ok("ok")));
        RECEIVERS.stubFor(post("/teams").willReturn(ok("1")));
        RECEIVERS.stubFor(post("/hook").willReturn(ok()));
        RECEIVERS.stubFor(post("/burst").willReturn(ok()));
        RECEIVERS.addMockServiceRequestListener((request, response) -> {
            if (request.getUrl().equals("/burst") && response.getStatus() / 100 == 2) {
                BURST_ARRIVALS.add(new Arrival(request.getHeader("Idempotency-Key"), System.nanoTime()));
            }
        });
        RECEIVERS.stubFor(post("/flaky").willReturn(aResponse().withStatus(503)));
        // Slower than the channel's timeout: every attempt hangs until it times out.
        RECEIVERS.stubFor(post("/down").willReturn(ok().withFixedDelay(5_000)));
        // Slack posting a message but answering after the channel's timeout, once; then answering at once.
        RECEIVERS.stubFor(post("/slowslack").inScenario("slow slack").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok("ok").withFixedDelay(3_000)).willSetStateTo("answering"));
        RECEIVERS.stubFor(post("/slowslack").inScenario("slow slack").whenScenarioStateIs("answering")
                .willReturn(ok("ok")));
        SMTP.start();
    }

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        String base = "vigie.alert.notify.channels.";
        Map<String, String> types = Map.of("slack", "slack", "teams", "teams", "hook", "webhook", "flaky", "webhook",
                "down", "webhook", "burst", "webhook", "slowslack", "slack");
        types.forEach((name, type) -> {
            registry.add(base + name + ".type", () -> type);
            registry.add(base + name + ".url", () -> RECEIVERS.baseUrl() + "/" + name);
            registry.add(base + name + ".allow-private-addresses", () -> "true");
            registry.add(base + name + ".max-attempts", () -> "3");
            registry.add(base + name + ".initial-backoff", () -> "100ms");
            registry.add(base + name + ".max-backoff", () -> "400ms");
            registry.add(base + name + ".breaker-open-for", () -> "1s");
            registry.add(base + name + ".timeout", () -> "2s");
        });
        registry.add(base + "hook.secret", () -> SECRET);
        registry.add(base + "flaky.secret", () -> SECRET);
        registry.add(base + "mail.type", () -> "email");
        registry.add(base + "mail.host", () -> "127.0.0.1");
        registry.add(base + "mail.port", () -> Integer.toString(SMTP.getSmtp().getPort()));
        registry.add(base + "mail.starttls", () -> "false");
        registry.add(base + "mail.from", () -> "vigie@example.com");
        registry.add(base + "mail.recipients", () -> "fallback@example.com");
    }

    @BeforeAll
    static void topics() throws Exception {
        NotifyKafka.createTopics(TOPIC);
    }

    @AfterAll
    static void stopReceivers() {
        RECEIVERS.stop();
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    WatchDirectory watches;

    @Test
    void slackTeamsAndTheSignedWebhookReceiveTheirOwnPayloads() throws Exception {
        AlertRaised alert = TestAlerts.alert("shapes", "shapes:negative-surge:1", Severity.HIGH, AlertStatus.OPEN,
                List.of(TestAlerts.hostileMention(), TestAlerts.alert("x", "x", Severity.LOW, AlertStatus.OPEN)
                        .topMentions().get(0)));
        NotifyKafka.sendAlert(TOPIC, alert);

        LoggedRequest slack = awaitOne("/slack", "shapes:negative-surge:1");
        JsonNode blocks = NotifyKafka.JSON.readTree(slack.getBodyAsString()).get("blocks");
        List<String> types = new ArrayList<>();
        blocks.forEach(block -> types.add(block.path("type").asString()));
        assertThat(types).startsWith("header", "section").contains("context");
        assertThat(slack.getBodyAsString()).doesNotContain("<!channel>").contains("&lt;!channel&gt;")
                .contains("<https://vigie.example.com/#/alerts/shapes%3Anegative-surge%3A1|");

        LoggedRequest teams = awaitOne("/teams", "shapes:negative-surge:1");
        JsonNode message = NotifyKafka.JSON.readTree(teams.getBodyAsString());
        assertThat(message.path("type").asString()).isEqualTo("message");
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.path("content").path("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(attachment.path("content").path("body").isArray()).isTrue();

        LoggedRequest hook = awaitOne("/hook", "shapes:negative-surge:1");
        assertThat(hook.getHeader("Idempotency-Key")).isEqualTo("shapes:negative-surge:1:open:high");
        assertThat(hook.getHeader("X-Vigie-Signature")).isEqualTo(hmac(hook.getBody()));
        assertThat(Long.parseLong(hook.getHeader("X-Vigie-Timestamp")))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(NotifyKafka.JSON.readValue(hook.getBodyAsString(), AlertRaised.class)).isEqualTo(alert);

        // The delivery log says so, one record per channel, without the receivers' URLs.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveries(alert.id()))
                .extracting(d -> d.path("channel").asString() + "=" + d.path("state").asString())
                .containsExactlyInAnyOrder("slack=sent", "teams=sent", "hook=sent"));

        // UPDATED: stored by the incident side, not notified.
        NotifyKafka.sendAlert(TOPIC, TestAlerts.alert("shapes", "shapes:negative-surge:1", Severity.HIGH,
                AlertStatus.UPDATED));
        // RESOLVED: notified again, under its own idempotency key.
        NotifyKafka.sendAlert(TOPIC, TestAlerts.alert("shapes", "shapes:negative-surge:1", Severity.HIGH,
                AlertStatus.RESOLVED));
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted("/hook").containsKey(
                "shapes:negative-surge:1:resolved:high"));
        assertThat(accepted("/hook")).containsOnlyKeys("shapes:negative-surge:1:open:high",
                "shapes:negative-surge:1:resolved:high");
    }

    @Test
    void emailGoesToTheRouteRecipientsAsHtmlAndText() throws Exception {
        NotifyKafka.sendWatch(new WatchDefinition("mailed", "Mailed <Corp>", "mailed", List.of(), "Europe/Paris", false,
                null, List.of(), new WatchAlerting(null, null, null, List.of(new WatchAlerting.AlertRoute(
                Severity.MEDIUM, List.of("mail"), List.of("comms@example.com", "ceo@example.com"), "none")), null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> watches.find("mailed").isPresent());

        AlertRaised alert = TestAlerts.alert("mailed", "mailed:negative-surge:1", Severity.HIGH, AlertStatus.OPEN,
                List.of(TestAlerts.hostileMention()));
        NotifyKafka.sendAlert(TOPIC, alert);

        await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessages().length >= 2);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Address::toString))
                .containsExactlyInAnyOrder("comms@example.com", "ceo@example.com");
        assertThat(mail.getSubject()).isEqualTo("[Vigie] High alert: Mailed <Corp>");
        assertThat(mail.getHeader("X-Vigie-Idempotency-Key")[0]).isEqualTo("mailed:negative-surge:1:open:high");
        // The incident's own id, the same if it is ever sent again; later mails of the incident answer it.
        assertThat(mail.getMessageID()).matches("<mailed\\.negative-surge\\.1\\.[0-9a-f]{12}@[^>]+>");
        Map<String, String> parts = parts((Multipart) mail.getContent());
        assertThat(parts).containsKeys("text/plain", "text/html");
        assertThat(parts.get("text/html")).contains("Mailed &lt;Corp&gt;").doesNotContain("<script>")
                .contains("&lt;script&gt;");
        assertThat(parts.get("text/plain")).contains("<!channel> <script>alert('x')</script>");
        // This watch's routes replace the defaults: nothing went to Slack.
        assertThat(RECEIVERS.findAll(postRequestedFor(urlEqualTo("/slack"))))
                .noneMatch(request -> request.getBodyAsString().contains("mailed:negative-surge:1"));
    }

    @Test
    void aWebhookReceiverDownForAWhileGetsEveryAlertExactlyOnceWhenItIsBack() throws Exception {
        NotifyKafka.sendWatch(watchRoutedTo("outage", "flaky"));
        await().atMost(Duration.ofSeconds(30)).until(() -> watches.find("outage").isPresent());
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(OUTAGE_SECONDS);
        later.schedule(() -> RECEIVERS.stubFor(post("/flaky").willReturn(ok())), OUTAGE_SECONDS, TimeUnit.SECONDS);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AlertRaised alert = TestAlerts.alert("outage", "outage:negative-surge:" + i, Severity.MEDIUM,
                    AlertStatus.OPEN);
            NotifyKafka.sendAlert(TOPIC, alert);
            keys.add(alert.id() + ":open:medium");
        }

        await().atMost(Duration.ofSeconds(OUTAGE_SECONDS + 60)).until(() -> accepted("/flaky").keySet()
                .containsAll(keys));
        log.info("Outage of {} s: all {} alerts delivered {} ms after the receiver came back; {} requests in all",
                OUTAGE_SECONDS, keys.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - outageEnds),
                RECEIVERS.findAll(postRequestedFor(urlEqualTo("/flaky"))).size());
        // Nothing more arrives afterwards: each alert was accepted exactly once.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> accepted("/flaky").values().stream().allMatch(count -> count == 1));
        assertThat(accepted("/flaky")).containsOnlyKeys(keys);
        later.shutdown();
    }

    /** Slack took the message but answered too late: the retry says it may be a repeat (ADR 0032). */
    @Test
    void aSlackMessageSentAgainAfterATimeoutSaysItMayBeARepeat() throws Exception {
        NotifyKafka.sendWatch(watchRoutedTo("unanswered", "slowslack"));
        await().atMost(Duration.ofSeconds(30)).until(() -> watches.find("unanswered").isPresent());

        NotifyKafka.sendAlert(TOPIC, TestAlerts.alert("unanswered", "unanswered:negative-surge:1", Severity.HIGH,
                AlertStatus.OPEN));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deliveries(
                "unanswered:negative-surge:1")).singleElement().satisfies(delivery -> {
                    assertThat(delivery.path("state").asString()).isEqualTo("sent");
                    assertThat(delivery.path("possibleRepeat").asBoolean()).isTrue();
                }));
        List<LoggedRequest> posts = RECEIVERS.findAll(postRequestedFor(urlEqualTo("/slowslack")));
        assertThat(posts).hasSize(2);
        // The first attempt (the one Slack took late) says nothing; the second says it may be a repeat.
        List<JsonNode> bodies = posts.stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(post -> NotifyKafka.JSON.readTree(post.getBodyAsString())).toList();
        assertThat(bodies.get(0).toString()).doesNotContain("repeat");
        JsonNode again = bodies.get(1);
        assertThat(again.path("text").asString()).startsWith("(possible repeat) ");
        assertThat(again.get("blocks").get(1).path("type").asString()).isEqualTo("context");
        assertThat(again.get("blocks").get(1).toString()).contains("Possible repeat");
    }

    @Test
    void aHangingChannelDelaysNeitherAnotherChannelNorTheConsumer() throws Exception {
        NotifyKafka.sendWatch(watchRoutedTo("isolated", "down", "slack"));
        await().atMost(Duration.ofSeconds(30)).until(() -> watches.find("isolated").isPresent());

        long sent = System.nanoTime();
        NotifyKafka.sendAlert(TOPIC, TestAlerts.alert("isolated", "isolated:negative-surge:1", Severity.LOW,
                AlertStatus.OPEN));
        NotifyKafka.sendAlert(TOPIC, TestAlerts.alert("other", "other:negative-surge:1", Severity.LOW,
                AlertStatus.OPEN));

        // "down" spends 3 attempts x 2 s timeouts plus backoff on each delivery; Slack does not wait for it.
        awaitOne("/slack", "isolated:negative-surge:1");
        awaitOne("/slack", "other:negative-surge:1");
        long slackMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        log.info("Slack got both alerts {} ms after they were sent while 'down' was hanging", slackMillis);
        assertThat(slackMillis).isLessThan(5_000);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deliveries("isolated:negative-surge:1"))
                .filteredOn(d -> d.path("channel").asString().equals("down"))
                .singleElement().satisfies(down -> {
                    assertThat(down.path("state").asString()).isIn("pending", "sending");
                    assertThat(down.path("attempts").asInt()).isGreaterThanOrEqualTo(3);
                    assertThat(down.path("lastError").asString()).contains("HttpTimeoutException")
                            .doesNotContain(RECEIVERS.baseUrl() + "/down");
                }));
    }

    /**
     * OpenSearch refuses the deliveries of one alert (an id longer than a document id may be) read in the same poll as
     * two good ones: the good ones are delivered, the refused one is tried {@code max-store-attempts} times, given up
     * on, and does not hold up the alert after it.
     */
    @Test
    void anAlertOpenSearchRefusesIsGivenUpOnAndTheAlertsReadWithItAreDelivered() throws Exception {
        NotifyKafka.sendWatch(watchRoutedTo("refused", "hook"));
        await().atMost(Duration.ofSeconds(30)).until(() -> watches.find("refused").isPresent());
        AlertRaised before = TestAlerts.alert("refused", "refused:negative-surge:before", Severity.LOW,
                AlertStatus.OPEN);
        AlertRaised unstorable = TestAlerts.alert("refused", "refused:negative-surge:" + "x".repeat(600),
                Severity.LOW, AlertStatus.OPEN);
        AlertRaised after = TestAlerts.alert("refused", "refused:negative-surge:after", Severity.LOW,
                AlertStatus.OPEN);
        NotifyKafka.sendAlertsTogether(TOPIC, List.of(before, unstorable, after));

        awaitOne("/hook", before.id());
        // After the refused one's 5 attempts (0.5 + 1 + 2 + 4 s of backoff).
        awaitOne("/hook", after.id());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> accepted("/hook").entrySet()
                .stream().filter(entry -> entry.getKey().startsWith("refused:")).toList().size() == 2);
        assertThat(accepted("/hook")).containsEntry(Delivery.idempotencyKey(before), 1L)
                .containsEntry(Delivery.idempotencyKey(after), 1L)
                .doesNotContainKey(Delivery.idempotencyKey(unstorable));
    }

    /**
     * A crisis on many watches at once, as in the alert load driver: 20 incidents each opened and escalated twice
     * within moments, 60 alerts for one webhook. Each is delivered exactly once and each incident's messages arrive in
     * order (open, escalated medium, escalated high), while incidents do not wait for each other. The time from an
     * alert on the topic to its arrival is logged, not asserted (CI does not time things).
     */
    @Test
    void aBurstOfSixtyAlertsForTwentyIncidentsArrivesOnceEachAndInOrderPerIncident() throws Exception {
        List<String> watchIds = IntStream.range(0, 20).mapToObj(i -> "burst-" + i).toList();
        for (String watchId : watchIds) {
            NotifyKafka.sendWatch(watchRoutedTo(watchId, "burst"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> watchIds.stream()
                .allMatch(watchId -> watches.find(watchId).isPresent()));

        List<AlertRaised> alerts = new ArrayList<>();
        for (Severity severity : List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH)) {
            for (String watchId : watchIds) {
                alerts.add(TestAlerts.alert(watchId, watchId + ":negative-surge:1", severity,
                        severity == Severity.LOW ? AlertStatus.OPEN : AlertStatus.ESCALATED));
            }
        }
        Map<String, Long> sentAt = NotifyKafka.sendAlerts(TOPIC, alerts);
        List<String> keys = alerts.stream().map(Delivery::idempotencyKey).toList();

        await().atMost(Duration.ofSeconds(60)).until(() -> accepted("/burst").keySet().containsAll(keys));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> accepted("/burst").values().stream().allMatch(count -> count == 1));
        assertThat(accepted("/burst")).containsOnlyKeys(keys);

        Map<String, List<String>> arrivalsByIncident = BURST_ARRIVALS.stream().map(Arrival::key)
                .collect(Collectors.groupingBy(key -> key.substring(0, key.indexOf(":negative-surge:1")),
                        java.util.LinkedHashMap::new, Collectors.toList()));
        assertThat(arrivalsByIncident).hasSize(20).allSatisfy((watchId, arrived) -> assertThat(arrived)
                .containsExactly(watchId + ":negative-surge:1:open:low", watchId + ":negative-surge:1:escalated:medium",
                        watchId + ":negative-surge:1:escalated:high"));

        long[] millis = BURST_ARRIVALS.stream().mapToLong(arrival -> TimeUnit.NANOSECONDS.toMillis(
                arrival.nanos() - sentAt.get(arrival.key()))).sorted().toArray();
        long first = BURST_ARRIVALS.stream().mapToLong(Arrival::nanos).min().orElseThrow();
        long last = BURST_ARRIVALS.stream().mapToLong(Arrival::nanos).max().orElseThrow();
        log.info("Burst of {} alerts to one webhook: from the alert on the topic to its arrival p50 {} ms, p95 {} ms,"
                        + " max {} ms; {} ms from the first arrival to the last ({} ms per delivery)", millis.length,
                millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.95) - 1],
                millis[millis.length - 1], TimeUnit.NANOSECONDS.toMillis(last - first),
                TimeUnit.NANOSECONDS.toMillis(last - first) / Math.max(1, millis.length - 1));
    }

    private record Arrival(String key, long nanos) {
    }

    private static WatchDefinition watchRoutedTo(String id, String... channels) {
        return new WatchDefinition(id, id, id, List.of(), "UTC", false, null, List.of(), new WatchAlerting(null, null,
                null, List.of(new WatchAlerting.AlertRoute(Severity.LOW, List.of(channels), null, null)), null));
    }

    private static LoggedRequest awaitOne(String path, String alertId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVERS.findAll(postRequestedFor(urlEqualTo(path)))
                .stream().filter(request -> request.getBodyAsString().contains(alertId)
                        || request.getBodyAsString().contains(alertId.replace(":", "%3A")))
                .findFirst().orElse(null), java.util.Objects::nonNull);
    }

    /** Idempotency keys of the requests a receiver answered 2xx, with how many times each. */
    private static Map<String, Long> accepted(String path) {
        return RECEIVERS.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(path))
                .filter(event -> event.getResponse().getStatus() / 100 == 2)
                .map(ServeEvent::getRequest)
                .collect(Collectors.groupingBy(request -> request.getHeader("Idempotency-Key"), Collectors.counting()));
    }

    private List<JsonNode> deliveries(String alertId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/api/alerts/deliveries?alertId=" + alertId)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        NotifyKafka.JSON.readTree(response.body()).forEach(list::add);
        return list;
    }

    /** Computed here with the JDK, not with the code under test. */
    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static Map<String, String> parts(Multipart multipart) throws Exception {
        Map<String, String> parts = new java.util.HashMap<>();
        for (int i : IntStream.range(0, multipart.getCount()).toArray()) {
            var part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                parts.putAll(parts(nested));
            } else {
                parts.put(part.getContentType().split(";")[0].trim().toLowerCase(java.util.Locale.ROOT),
                        part.getContent().toString());
            }
        }
        return parts;
    }
}
