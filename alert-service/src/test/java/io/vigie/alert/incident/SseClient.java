package io.vigie.alert.incident;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A minimal Server-Sent Events client: collects the events of one connection. */
final class SseClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<SseEvent> received = new LinkedBlockingQueue<>();
    private final List<SseEvent> events = new ArrayList<>();
    private final Stream<String> lines;

    SseClient(URI uri) throws Exception {
        this(uri, null);
    }

    SseClient(URI uri, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/event-stream"));
        lines = response.body();
        Thread reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        String id = null;
        String type = null;
        String data = null;
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                } else if (line.isEmpty() && data != null) {
                    JsonNode payload = JSON.readTree(data);
                    received.add(new SseEvent(id, type, payload.path("incident").path("id").asString("")));
                    id = null;
                    type = null;
                    data = null;
                }
            }
        } catch (RuntimeException e) {
            // Closed by the test.
        }
    }

    synchronized List<SseEvent> events() {
        received.drainTo(events);
        return List.copyOf(events);
    }

    void close() {
        lines.close();
    }
}
