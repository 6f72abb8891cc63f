package io.vigie.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live incident feed passes through the gateway as it comes, event by event, even with gaps longer than the
 * response timeout (shortened to 1 s here: it bounds the wait for a backend's response headers, not a stream's body),
 * while an ordinary API call whose backend answers later than that still fails fast.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s")
class AlertStreamRoutingTests {

    static final MockWebServer ALERT = new MockWebServer();

    static {
        ALERT.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().startsWith("/api/alerts/stream")) {
                    // Three events 2 s apart: longer than the 1 s timeout between two reads of a response.
                    String events = "id: 1\nevent: opened\ndata: {\"id\":\"a\"}\n\n"
                            + "id: 2\nevent: escalated\ndata: {\"id\":\"a\"}\n\n"
                            + "id: 3\nevent: resolved\ndata: {\"id\":\"a\"}\n\n";
                    return new MockResponse.Builder().code(200)
                            .addHeader("Content-Type", "text/event-stream")
                            .body(events)
                            .throttleBody(events.length() / 3 + 1, 2, TimeUnit.SECONDS)
                            .build();
                }
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .headersDelay(3, TimeUnit.SECONDS).body("[]").build();
            }
        });
        try {
            ALERT.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("ALERT_URL", () -> "http://127.0.0.1:" + ALERT.getPort());
    }

    @AfterAll
    static void stop() {
        ALERT.close();
    }

    @LocalServerPort
    int port;

    @Test
    void theIncidentStreamIsNotCutByTheResponseTimeout() {
        List<ServerSentEvent<String>> events = WebClient.create("http://127.0.0.1:" + port).get()
                .uri("/api/alerts/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                })
                .collectList()
                .block(Duration.ofSeconds(20));

        assertThat(events).extracting(ServerSentEvent::event).containsExactly("opened", "escalated", "resolved");
    }

    @Test
    void anOrdinaryCallSlowerThanTheTimeoutStillFailsFast() {
        HttpStatus status = WebClient.create("http://127.0.0.1:" + port).get().uri("/api/alerts")
                .exchangeToMono(response -> reactor.core.publisher.Mono.just(HttpStatus.valueOf(response.statusCode().value())))
                .block(Duration.ofSeconds(20));

        assertThat(status).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    }
}
