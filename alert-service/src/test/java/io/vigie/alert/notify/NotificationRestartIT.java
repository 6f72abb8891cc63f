package io.vigie.alert.notify;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.vigie.alert.AlertApplication;
import io.vigie.alert.notify.delivery.DeliveryRepository;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import io.vigie.testsupport.VigieContainers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * alert-service stopped and started again on the same Kafka and OpenSearch: deliveries pending at the stop go out
 * after the start, and nothing already delivered is sent again, even when the new instance re-reads every alert from
 * the start of the topic (a new consumer group, as after lost offsets).
 */
class NotificationRestartIT {

    private static final Logger log = LoggerFactory.getLogger(NotificationRestartIT.class);
    private static final String TOPIC = "notify-restart-it-alerts";
    private static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());

    static {
        RECEIVER.start();
        RECEIVER.stubFor(post("/hook").willReturn(ok()));
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    @Test
    void pendingDeliveriesSurviveARestartAndNothingIsSentTwice() throws Exception {
        NotifyKafka.createTopics(TOPIC);
        List<AlertRaised> delivered = alerts(0, 3);
        List<AlertRaised> pending = alerts(3, 6);

        try (ConfigurableApplicationContext first = start("notify-restart-a")) {
            for (AlertRaised alert : delivered) {
                NotifyKafka.sendAlert(TOPIC, alert);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted().size() == 3);
            // The receiver goes down: these stay pending when the service stops.
            RECEIVER.stubFor(post("/hook").willReturn(aResponse().withStatus(503)));
            for (AlertRaised alert : pending) {
                NotifyKafka.sendAlert(TOPIC, alert);
            }
            // Stored, and the channel is retrying the oldest (it keeps its order: the others wait behind it).
            DeliveryRepository records = first.getBean(DeliveryRepository.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> pending.stream()
                    .allMatch(alert -> records.find(alert.id(), 10).size() == 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> !refusedKeys().isEmpty());
        }
        RECEIVER.stubFor(post("/hook").willReturn(ok()));
        int requestsBefore = RECEIVER.findAll(postRequestedFor(urlEqualTo("/hook"))).size();

        // A new consumer group: the new instance reads all six alerts again.
        List<AlertRaised> fresh = alerts(6, 8);
        try (ConfigurableApplicationContext second = start("notify-restart-b")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted().size() == 6);
            // Alerts raised after the restart go out too: the re-read ones, whose records exist, block nothing.
            for (AlertRaised alert : fresh) {
                NotifyKafka.sendAlert(TOPIC, alert);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted().size() == 8);
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                    .until(() -> accepted().values().stream().allMatch(count -> count == 1));
        }
        List<String> afterRestart = RECEIVER.findAll(postRequestedFor(urlEqualTo("/hook"))).stream()
                .skip(requestsBefore).map(request -> request.getHeader("Idempotency-Key")).toList();
        log.info("After the restart the receiver got {} requests: {}", afterRestart.size(), afterRestart);
        assertThat(afterRestart).containsExactlyInAnyOrderElementsOf(keys(pending, fresh));
        assertThat(accepted()).containsOnlyKeys(keys(delivered, pending, fresh)).allSatisfy((key, count) ->
                assertThat(count).as(key).isEqualTo(1));
    }

    private static ConfigurableApplicationContext start(String group) throws Exception {
        String stateDir = Files.createTempDirectory("notify-restart-it").toString();
        Map<String, String> properties = Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.kafka.bootstrap-servers", VigieContainers.KAFKA.getBootstrapServers()),
                Map.entry("vigie.opensearch.url", VigieContainers.openSearchUrl()),
                Map.entry("spring.kafka.streams.auto-startup", "false"),
                Map.entry("spring.cloud.stream.kafka.streams.binder.configuration.state.dir", stateDir),
                Map.entry("vigie.alert.webhook.url", ""),
                Map.entry("vigie.alert.notify.topic", TOPIC),
                Map.entry("vigie.alert.notify.group", group),
                Map.entry("vigie.alert.notify.index", "vigie-deliveries-restart-it"),
                Map.entry("vigie.alert.notify.poll-interval", "1s"),
                Map.entry("vigie.alert.notify.retry-pause", "1s"),
                Map.entry("vigie.alert.notify.channels.hook.type", "webhook"),
                Map.entry("vigie.alert.notify.channels.hook.url", RECEIVER.baseUrl() + "/hook"),
                Map.entry("vigie.alert.notify.channels.hook.secret", "restart-secret"),
                Map.entry("vigie.alert.notify.channels.hook.allow-private-addresses", "true"),
                Map.entry("vigie.alert.notify.channels.hook.max-attempts", "2"),
                Map.entry("vigie.alert.notify.channels.hook.initial-backoff", "100ms"),
                Map.entry("vigie.alert.notify.channels.hook.breaker-open-for", "1s"));
        // As command-line arguments: they outrank application.yml (builder "properties" are only defaults).
        return new SpringApplicationBuilder(AlertApplication.class).run(properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
    }

    private static List<AlertRaised> alerts(int from, int to) {
        List<AlertRaised> alerts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            alerts.add(TestAlerts.alert("restart", "restart:negative-surge:" + i, Severity.MEDIUM, AlertStatus.OPEN));
        }
        return alerts;
    }

    @SafeVarargs
    private static List<String> keys(List<AlertRaised>... alerts) {
        return java.util.Arrays.stream(alerts).flatMap(List::stream)
                .map(alert -> alert.id() + ":open:medium").toList();
    }

    private static Map<String, Long> accepted() {
        return RECEIVER.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() / 100 == 2)
                .collect(Collectors.groupingBy(event -> event.getRequest().getHeader("Idempotency-Key"),
                        Collectors.counting()));
    }

    private static java.util.Set<String> refusedKeys() {
        return RECEIVER.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() == 503)
                .map(event -> event.getRequest().getHeader("Idempotency-Key"))
                .collect(Collectors.toSet());
    }
}
