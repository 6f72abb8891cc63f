package io.vigie.alert.notify.channel;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.vigie.alert.notify.TestAlerts;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook's headers, as a receiver on 127.0.0.1 gets them. */
class WebhookChannelTests {

    private final List<Headers> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private WebhookChannel channel;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                received.add(exchange.getRequestHeaders());
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        channel = new WebhookChannel("hook", new HttpPoster("hook", url, true, Duration.ofSeconds(5)), "s3cret",
                JsonMapper.builder().build(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPossibleRepeatKeepsItsIdempotencyKeyAndSaysSoInAHeader() {
        Notification first = new Notification("w:1:open:high", "w", "Acme",
                List.of(TestAlerts.alert("w", "w:1", Severity.HIGH, AlertStatus.OPEN)), List.of(), false);

        channel.send(first);
        channel.send(first.asPossibleRepeat());

        assertThat(received).hasSize(2);
        assertThat(received).allSatisfy(headers -> assertThat(headers.getFirst(WebhookChannel.IDEMPOTENCY_HEADER))
                .isEqualTo("w:1:open:high"));
        assertThat(received.get(0).containsKey(WebhookChannel.POSSIBLE_REPEAT_HEADER)).isFalse();
        assertThat(received.get(1).getFirst(WebhookChannel.POSSIBLE_REPEAT_HEADER)).isEqualTo("true");
    }
}
