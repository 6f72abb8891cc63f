package io.vigie.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackendDownTests {

    static final FakeBackend INGEST = new FakeBackend("ingest");
    static final FakeBackend SENTIMENT = new FakeBackend("sentiment");
    static final String STOPPED_ALERT_SERVICE = "http://127.0.0.1:" + closedPort();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("INGEST_URL", INGEST::url);
        registry.add("SENTIMENT_URL", SENTIMENT::url);
        registry.add("ALERT_URL", () -> STOPPED_ALERT_SERVICE);
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @Test
    void aStoppedBackendGivesA503ThatSaysWhichServiceAndWhatToCheck() {
        client.get().uri("/api/alerts?size=20").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.service").isEqualTo("alert-service")
                .jsonPath("$.instance").isEqualTo("/api/alerts")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("alert-service is unreachable", "ALERT_URL"));
    }

    @Test
    void theErrorCarriesNoStackTraceNorBackendAddress() {
        String body = client.get().uri("/api/alerts").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain("Exception", "\tat ", "127.0.0.1");
    }

    @Test
    void theOtherRoutesAndTheGatewayItselfKeepWorking() {
        client.get().uri("/api/mentions?q=panne").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.backend").isEqualTo("sentiment");
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    /** A port nothing listens on: bound, then released, so a connection to it is refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
