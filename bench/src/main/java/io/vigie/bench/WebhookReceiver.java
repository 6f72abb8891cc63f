package io.vigie.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The webhook the alert service notifies: records when each POST arrived ({@link System#nanoTime()}, the clock the
 * sends are timed with) and the alert it carries. Loopback only, answers 204 at once.
 */
final class WebhookReceiver implements AutoCloseable {

    static final String PATH = "/hook";

    /**
     * One POST. {@code observed} is NaN and {@code metric} null for a digest or a body that is not an alert.
     *
     * @param arrivedNanos {@link System#nanoTime()} when the request reached the handler
     * @param raisedAt     when the service's detector raised the alert (its wall clock), null when absent
     */
    record Notification(long arrivedNanos, String watchId, String alertId, String status, String severity,
                        String detector, String metric, double observed, Instant raisedAt) {
    }

    private static final String WARM_UP_PATH = "/warm-up";
    private static final int WARM_UP_REQUESTS = 20;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Notification> received = new ArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.createContext(WARM_UP_PATH, exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
        warmUp();
    }

    /**
     * A few requests not counted, so that the first notifications do not pay this JVM's cold HTTP server: the
     * receivers it stands in for (Slack, Teams, a customer's endpoint) are long warm.
     */
    private void warmUp() throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + WARM_UP_PATH);
        try {
            for (int i = 0; i < WARM_UP_REQUESTS; i++) {
                client.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    synchronized List<Notification> received() {
        return List.copyOf(received);
    }

    synchronized int count() {
        return received.size();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
        Notification notification = parse(arrived, body);
        synchronized (this) {
            received.add(notification);
        }
    }

    private Notification parse(long arrived, byte[] body) {
        try {
            JsonNode alert = json.readTree(body);
            JsonNode observed = alert.get("observed");
            return new Notification(arrived, text(alert, "watchId"), text(alert, "id"),
                    alert.has("type") ? text(alert, "type") : text(alert, "status"), text(alert, "severity"),
                    text(alert, "detector"), text(alert, "metric"),
                    observed != null && observed.isNumber() ? observed.asDouble() : Double.NaN, instant(alert.get("raisedAt")));
        } catch (JacksonException e) {
            return new Notification(arrived, null, null, "unreadable", null, null, null, Double.NaN, null);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** ISO-8601 (Jackson's default for Instant) or, should a mapper write timestamps, epoch seconds. */
    private static Instant instant(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            double seconds = value.asDouble();
            return Instant.ofEpochSecond((long) seconds, (long) ((seconds % 1) * 1e9));
        }
        try {
            return Instant.parse(value.asString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
