package io.vigie.alert.notify.channel;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Which failures may hide a message that arrived, against a real HTTP server on 127.0.0.1: only a call that reached
 * the receiver without an answer coming back.
 */
class HttpPosterTests {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void noAnswerBeforeTheTimeoutMayHaveArrived() throws IOException {
        AtomicInteger received = new AtomicInteger();
        URI url = serve(exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            await(release);
            exchange.sendResponseHeaders(200, -1);
        });

        DeliveryFailure failure = post(url);

        assertThat(received).hasValue(1);
        assertThat(failure.permanent()).isFalse();
        assertThat(failure.mayHaveArrived()).isTrue();
        assertThat(failure.getMessage()).contains("may have arrived").doesNotContain(url.getPath());
    }

    @Test
    void aGatewayTimeoutMayHaveArrived() throws IOException {
        URI url = serve(exchange -> exchange.sendResponseHeaders(504, -1));

        DeliveryFailure failure = post(url);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.mayHaveArrived()).isTrue();
    }

    @Test
    void anOverloadedReceiverDidNotTakeIt() throws IOException {
        URI url = serve(exchange -> exchange.sendResponseHeaders(503, -1));

        DeliveryFailure failure = post(url);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.mayHaveArrived()).isFalse();
    }

    @Test
    void aRefusedConnectionNeverSentAnything() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        DeliveryFailure failure = post(URI.create("http://127.0.0.1:" + closedPort + "/hook"));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.mayHaveArrived()).isFalse();
    }

    private static DeliveryFailure post(URI url) {
        HttpPoster poster = new HttpPoster("hook", url, true, TIMEOUT);
        return catchThrowableOfType(DeliveryFailure.class, () -> poster.post("{}".getBytes(), Map.of()));
    }

    private URI serve(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/services/T000/B000/secret", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/secret");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
