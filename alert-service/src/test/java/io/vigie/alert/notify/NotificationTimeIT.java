package io.vigie.alert.notify;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.vigie.alert.notify.delivery.Delivery;
import io.vigie.alert.notify.delivery.DeliveryPruner;
import io.vigie.alert.notify.delivery.DeliveryRepository;
import io.vigie.alert.notify.delivery.DeliveryState;
import io.vigie.alert.watch.WatchDirectory;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import io.vigie.contracts.WatchAlerting;
import io.vigie.contracts.WatchDefinition;
import io.vigie.testsupport.VigieContainers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the notification side does as time passes, on a real Kafka topic, a real OpenSearch and a WireMock webhook:
 * quiet hours and digests hold alerts back until they are due, and the delivery retention deletes old records. The
 * notification clock is moved forward instead of waiting for hours ({@link MovableClock}).
 */
@SpringBootTest(properties = {
        "spring.kafka.streams.auto-startup=false",
        "vigie.alert.webhook.url=",
        "vigie.alert.notify.topic=" + NotificationTimeIT.TOPIC,
        "vigie.alert.notify.group=notify-time-it",
        "vigie.alert.notify.index=vigie-deliveries-time-it",
        "vigie.alert.notify.poll-interval=500ms",
        "vigie.alert.notify.channels.hook.type=webhook",
        "vigie.alert.notify.channels.hook.allow-private-addresses=true",
        "vigie.alert.notify.channels.hook.max-attempts=2",
        "vigie.alert.notify.channels.hook.initial-backoff=100ms"})
@ImportTestcontainers(VigieContainers.class)
class NotificationTimeIT {

    static final String TOPIC = "notify-time-it-alerts";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final MovableClock CLOCK = new MovableClock();
    private static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());

    static {
        RECEIVER.start();
        RECEIVER.stubFor(post("/hook").willReturn(ok()));
    }

    @DynamicPropertySource
    static void receiver(DynamicPropertyRegistry registry) {
        registry.add("vigie.alert.notify.channels.hook.url", () -> RECEIVER.baseUrl() + "/hook");
    }

    @TestBean(name = "notifyClock", methodName = "movableClock")
    Clock clock;

    @Autowired
    WatchDirectory watches;

    @Autowired
    DeliveryRepository deliveries;

    @Autowired
    OpenSearchClient openSearch;

    static Clock movableClock() {
        return CLOCK;
    }

    @BeforeAll
    static void topics() throws Exception {
        NotifyKafka.createTopics(TOPIC);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    /**
     * Quiet hours 21:00-22:30 in Paris, low alerts in an hourly digest, medium ones at once, high urgent. At 22:10 a
     * high alert goes out at once; a medium one waits for the end of the quiet hours (22:30), the two low ones for the
     * 23:00 digest, after the quiet hours. Each held group then goes out as one digest message.
     */
    @Test
    void quietHoursAndDigestsHoldAlertsUntilTheyAreDue() throws Exception {
        NotifyKafka.sendWatch(new WatchDefinition("night", "Night", "night", List.of(), "Europe/Paris", false, null,
                List.of(), new WatchAlerting(null, null, null, List.of(
                new WatchAlerting.AlertRoute(Severity.LOW, List.of("hook"), null, "hourly"),
                new WatchAlerting.AlertRoute(Severity.MEDIUM, List.of("hook"), null, "none")),
                new WatchAlerting.QuietHours("21:00", "22:30", Severity.HIGH))));
        await().atMost(Duration.ofSeconds(30)).until(() -> watches.find("night").isPresent());

        ZonedDateTime tenPast = next(LocalTime.of(22, 10));
        CLOCK.moveTo(tenPast.toInstant());
        Instant quietEnd = tenPast.withMinute(30).toInstant();
        Instant digestAt = tenPast.withHour(23).withMinute(0).toInstant();
        AlertRaised low1 = raisedNow("night:volume-spike:1", Severity.LOW);
        AlertRaised low2 = raisedNow("night:volume-spike:2", Severity.LOW);
        AlertRaised medium = raisedNow("night:negative-surge:1", Severity.MEDIUM);
        AlertRaised high = raisedNow("night:negative-surge:2", Severity.HIGH);
        for (AlertRaised alert : List.of(low1, low2, medium, high)) {
            NotifyKafka.sendAlert(TOPIC, alert);
        }

        // Urgent: sent at once, on its own, during the quiet hours.
        await().atMost(Duration.ofSeconds(30)).until(() -> received().size() == 1);
        assertThat(received().get(0).key()).isEqualTo("night:negative-surge:2:open:high");
        // The others are recorded pending, with when they are due and which digest they belong to.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(record(high)).satisfies(sent -> {
                assertThat(sent.state()).isEqualTo(DeliveryState.SENT);
                assertThat(sent.digestKey()).isNull();
            });
            assertThat(List.of(record(low1), record(low2), record(medium)))
                    .allSatisfy(held -> assertThat(held.state()).isEqualTo(DeliveryState.PENDING));
        });
        assertThat(record(medium).dueAt()).isEqualTo(quietEnd);
        assertThat(record(low1).dueAt()).isEqualTo(digestAt);
        assertThat(record(low2).dueAt()).isEqualTo(digestAt);
        assertThat(record(low1).digestKey()).isNotNull().isEqualTo(record(low2).digestKey())
                .isNotEqualTo(record(medium).digestKey());
        // Still held while the worker searches for due deliveries several times.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> received().size() == 1);

        // The end of the quiet hours: the medium alert goes out, as a digest of its own; the low ones still wait.
        CLOCK.moveTo(quietEnd.plusSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> received().size() == 2);
        Received endOfQuiet = received().get(1);
        assertThat(endOfQuiet.key()).startsWith("digest:");
        assertThat(endOfQuiet.digestedAlerts()).containsExactly(medium.id());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> received().size() == 2);
        assertThat(record(low1).state()).isEqualTo(DeliveryState.PENDING);

        // 23:00: both low alerts in one digest message.
        CLOCK.moveTo(digestAt.plusSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> received().size() == 3);
        Received hourly = received().get(2);
        assertThat(hourly.key()).startsWith("digest:").isNotEqualTo(endOfQuiet.key());
        assertThat(hourly.digestedAlerts()).containsExactly(low1.id(), low2.id());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(List.of(record(low1), record(low2),
                record(medium))).allSatisfy(sent -> assertThat(sent.state()).isEqualTo(DeliveryState.SENT)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> received().size() == 3);
    }

    /**
     * Two replicas prune at the same time: the records sent, failed or skipped longer ago than the retention (30 days)
     * are gone, each deleted once, and neither run failed; recent ones, and old ones still pending or being sent, are kept. An index that
     * was never created is nothing to prune.
     */
    @Test
    void oldFinishedDeliveriesAreDeletedWhileRecentAndPendingOnesStay() throws Exception {
        String index = "vigie-deliveries-retention-it";
        NotifyProperties settings = settings(index);
        assertThat(settings.deliveryRetention()).isEqualTo(Duration.ofDays(30));
        DeliveryRepository replicaA = new DeliveryRepository(openSearch, settings);
        DeliveryRepository replicaB = new DeliveryRepository(openSearch, settings);
        Instant now = CLOCK.instant();
        Map<String, Delivery> records = Map.of(
                "old-sent", retentionRecord("old-sent", DeliveryState.SENT, now.minus(Duration.ofDays(40)), false),
                "old-failed", retentionRecord("old-failed", DeliveryState.FAILED, now.minus(Duration.ofDays(31)), false),
                "old-skipped", retentionRecord("old-skipped", DeliveryState.SKIPPED, now.minus(Duration.ofDays(90)),
                        false),
                "recent-sent", retentionRecord("recent-sent", DeliveryState.SENT, now.minus(Duration.ofDays(29)), false),
                "recent-failed", retentionRecord("recent-failed", DeliveryState.FAILED, now.minusSeconds(60), false),
                // A digest whose channel has been down (or removed) for weeks: still to be sent.
                "old-pending-digest", retentionRecord("old-pending-digest", DeliveryState.PENDING,
                        now.minus(Duration.ofDays(40)), true),
                "old-sending", retentionRecord("old-sending", DeliveryState.SENDING, now.minus(Duration.ofDays(40)),
                        false));
        // Enough old ones that a run deletes them over several pages.
        List<Delivery> all = new ArrayList<>(records.values());
        for (int i = 0; i < 1_100; i++) {
            all.add(retentionRecord("old-sent-" + i, DeliveryState.SENT, now.minus(Duration.ofDays(35)), false));
        }
        assertThat(replicaA.createAll(all)).hasSize(all.size());
        openSearch.indices().refresh(refresh -> refresh.index(index));

        CompletableFuture<OptionalLong> a = CompletableFuture.supplyAsync(
                () -> new DeliveryPruner(replicaA, settings, CLOCK).prune());
        CompletableFuture<OptionalLong> b = CompletableFuture.supplyAsync(
                () -> new DeliveryPruner(replicaB, settings, CLOCK).prune());
        assertThat(a.get()).isPresent();
        assertThat(b.get()).isPresent();
        assertThat(a.get().getAsLong() + b.get().getAsLong()).isEqualTo(3 + 1_100);

        openSearch.indices().refresh(refresh -> refresh.index(index));
        assertThat(replicaA.find(null, 100)).extracting(delivery -> delivery.alertId().substring("retention:".length()))
                .containsExactlyInAnyOrder("recent-sent", "recent-failed", "old-pending-digest", "old-sending");

        assertThat(new DeliveryPruner(new DeliveryRepository(openSearch, settings("vigie-deliveries-never-created-it")),
                settings, CLOCK).prune()).hasValue(0);
    }

    private static NotifyProperties settings(String index) {
        return new Binder(new MapConfigurationPropertySource(Map.of("vigie.alert.notify.index", index)))
                .bindOrCreate("vigie.alert.notify", NotifyProperties.class);
    }

    private static Delivery retentionRecord(String name, DeliveryState state, Instant changed, boolean digest) {
        AlertRaised alert = TestAlerts.alert("retention", "retention:" + name, Severity.LOW, AlertStatus.OPEN);
        return new Delivery(Delivery.id(alert, "retired"), alert.id(), alert.watchId(), null, AlertStatus.OPEN,
                Severity.LOW, "retired", List.of(), state, state == DeliveryState.PENDING ? 0 : 1, null,
                changed.toEpochMilli(), changed, changed, digest ? "retention|retired|" + changed + "|" : null, changed,
                state == DeliveryState.SENT ? changed : null,
                state == DeliveryState.SENDING ? changed.plus(Duration.ofMinutes(5)) : null, alert);
    }

    /** The next {@code time} in Paris after the clock's now: the clock only moves forward. */
    private static ZonedDateTime next(LocalTime time) {
        ZonedDateTime now = CLOCK.instant().plusSeconds(5).atZone(PARIS);
        ZonedDateTime today = now.with(time);
        return today.isAfter(now) ? today : now.plusDays(1).with(time);
    }

    /** An alert raised at the notification clock's now, as the stream would raise it then. */
    private static AlertRaised raisedNow(String id, Severity severity) {
        AlertRaised a = TestAlerts.alert("night", id, severity, AlertStatus.OPEN);
        return new AlertRaised(a.schemaVersion(), a.id(), a.watchId(), a.detector(), a.severity(), a.metric(),
                a.observed(), a.expected(), a.windowStart(), a.windowEnd(), CLOCK.instant(), a.summary(),
                a.mentionIds(), a.status(), a.episodeStart(), a.anomalyScore(), a.topMentions(), a.breakdown());
    }

    private Delivery record(AlertRaised alert) {
        return deliveries.find(alert.id(), 10).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no delivery record for " + alert.id()));
    }

    private record Received(String key, List<String> digestedAlerts) {
    }

    /** What the webhook accepted, oldest first: idempotency key and, for a digest, the ids of its alerts. */
    private static List<Received> received() {
        List<ServeEvent> events = new ArrayList<>(RECEIVER.getAllServeEvents());
        events.sort(Comparator.comparing(event -> event.getRequest().getLoggedDate()));
        List<Received> received = new ArrayList<>();
        for (ServeEvent event : events) {
            if (event.getResponse().getStatus() / 100 != 2) {
                continue;
            }
            JsonNode body = NotifyKafka.JSON.readTree(event.getRequest().getBodyAsString());
            List<String> ids = new ArrayList<>();
            if ("digest".equals(body.path("type").asString())) {
                body.get("alerts").forEach(alert -> ids.add(alert.path("id").asString()));
            }
            received.add(new Received(event.getRequest().getHeader("Idempotency-Key"), ids));
        }
        return received;
    }
}
