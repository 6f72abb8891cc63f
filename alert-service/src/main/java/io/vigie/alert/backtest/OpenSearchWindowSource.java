package io.vigie.alert.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.alert.window.WindowStats;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows of a watch from the {@code vigie-mentions} index: a date histogram of the mentions whose
 * {@code watchIds} hold the watch, by {@code publishedAt} (the event time the live windows use), with per bucket the
 * negative count ({@code sentiment.label}), the rated count and the sum of polarities ({@code sentiment.score}).
 * Near-duplicates, reach and crisis terms are not rebuilt: the replay sees volume, negatives and sentiment only.
 */
public class OpenSearchWindowSource implements WindowSource {

    static final String INDEX = "vigie-mentions";

    private final URI url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    public OpenSearchWindowSource(URI url) {
        this.url = url;
    }

    @Override
    public List<WindowStats> windows(String watchId, Instant from, Instant to, Duration length) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/" + INDEX + "/_search"))
                .timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query(watchId, from, to, length).toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            throw new IOException("cannot read " + INDEX + " at " + url + ": " + e, e);
        }
        if (response.statusCode() == 404) {
            return List.of();
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(url + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return parse(watchId, json.readTree(response.body()), length);
    }

    ObjectNode query(String watchId, Instant from, Instant to, Duration length) {
        ObjectNode body = json.createObjectNode();
        body.put("size", 0);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter")
                .add(json.createObjectNode().set("term", json.createObjectNode().put("watchIds", watchId)))
                .add(json.createObjectNode().set("range", json.createObjectNode().set("publishedAt",
                        json.createObjectNode().put("gte", from.toString()).put("lt", to.toString()))));
        ObjectNode histogram = body.putObject("aggs").putObject("windows");
        histogram.putObject("date_histogram").put("field", "publishedAt")
                .put("fixed_interval", length.toSeconds() + "s").put("min_doc_count", 1);
        ObjectNode aggs = histogram.putObject("aggs");
        aggs.putObject("negative").putObject("filter").putObject("term").put("sentiment.label", "negative");
        aggs.putObject("rated").putObject("value_count").put("field", "sentiment.score");
        aggs.putObject("polarity").putObject("sum").put("field", "sentiment.score");
        return body;
    }

    static List<WindowStats> parse(String watchId, JsonNode response, Duration length) {
        List<WindowStats> windows = new ArrayList<>();
        for (JsonNode bucket : response.path("aggregations").path("windows").path("buckets")) {
            Instant start = Instant.ofEpochMilli(bucket.path("key").asLong());
            windows.add(new WindowStats(watchId, start, start.plus(length), bucket.path("doc_count").asDouble(),
                    bucket.path("rated").path("value").asLong(), bucket.path("negative").path("doc_count").asLong(),
                    bucket.path("polarity").path("value").asDouble(), List.of()));
        }
        return windows;
    }
}
