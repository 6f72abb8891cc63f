package io.vigie.gateway;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTests {

    // Started once for the class; the JVM's exit closes their sockets.
    static final FakeBackend INGEST = new FakeBackend("ingest");
    static final FakeBackend SENTIMENT = new FakeBackend("sentiment");
    static final FakeBackend ALERT = new FakeBackend("alert");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("INGEST_URL", INGEST::url);
        registry.add("SENTIMENT_URL", SENTIMENT::url);
        registry.add("ALERT_URL", ALERT::url);
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "GET,    /api/watches,                                                ingest",
            "PUT,    /api/watches/nuvelia,                                        ingest",
            "POST,   /api/ingest/replay?speed=60&watch=nuvelia,                   ingest",
            "GET,    /api/sources/rss/status,                                     ingest",
            "GET,    /api/mentions,                                               sentiment",
            "GET,    /api/mentions?q=%22double%20facture%22%20arnaque&sentiment=negative&lang=fr, sentiment",
            "GET,    /api/mentions?q=caf%C3%A9+cr%C3%A8me&lang=,                  sentiment",
            "GET,    /api/mentions/4f1c9a,                                        sentiment",
            "GET,    /api/alerts?size=20,                                         alert",
            "POST,   /api/alerts/a-17/acknowledge,                                alert",
    })
    void eachPrefixReachesItsBackendWithPathAndQueryUntouched(String method, String target, String backend) {
        // A URI, not a String: WebTestClient would treat the String as a template and re-encode its '%'.
        client.method(HttpMethod.valueOf(method)).uri(URI.create("http://127.0.0.1:" + port + target)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.backend").isEqualTo(backend)
                .jsonPath("$.method").isEqualTo(method)
                .jsonPath("$.target").isEqualTo(target);
    }

    @ParameterizedTest
    @CsvSource({"/api/mentionsfoo", "/api/alertsx/1", "/api/unknown", "/api"})
    void pathsOutsideTheRouteTableAreNotProxied(String path) {
        client.get().uri(path).exchange().expectStatus().isNotFound();
    }

    @Test
    void rootServesTheWebPageWithItsScriptAndStyle() {
        String page = client.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<h1>Vigie</h1>", "Incidents", "src=\"app.js\"", "href=\"app.css\"");

        client.get().uri("/app.js").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectBody(String.class).value(js -> assertThat(js).contains("/api/alerts?size=20", "/api/mentions"));
        client.get().uri("/app.css").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/css");
    }

    /** Notifications link to {@code <ui-base-url>/#/alerts/<id>}: the page must answer that route, live. */
    @Test
    void thePageOpensAnIncidentFromANotificationLinkAndFollowsTheLiveStream() {
        String page = client.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("id=\"view-incident\"", "id=\"ack-button\"", "id=\"comment-form\"",
                "for=\"user-name\"");

        client.get().uri("/app.js").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(js -> assertThat(js)
                        .contains("#\\/alerts\\/", "/api/alerts/stream", "new EventSource(", "X-Vigie-User")
                        // Incidents, mentions and comments are written by strangers: text only, never parsed as HTML.
                        .doesNotContain(".innerHTML", ".outerHTML", "insertAdjacentHTML", "document.write"));
    }

    @Test
    void healthIsUpForTheLauncher() {
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
