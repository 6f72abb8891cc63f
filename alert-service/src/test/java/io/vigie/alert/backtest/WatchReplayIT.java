package io.vigie.alert.backtest;

import io.vigie.alert.window.WindowStats;
import io.vigie.testsupport.VigieContainers;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay's query against a real mentions index, set up from sentiment-service's template. */
class WatchReplayIT {

    private static final Path MENTIONS_TEMPLATE =
            Path.of("../sentiment-service/src/main/resources/opensearch/vigie-mentions-template.json");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Test
    void mentionsOfTheWatchAreBucketedIntoWindowsWithTheirNegativesAndPolarity() throws Exception {
        String url = VigieContainers.openSearchUrl();
        String watch = "replay-it-" + System.nanoTime();
        send(url, "PUT", "/_index_template/vigie-mentions", Files.readString(MENTIONS_TEMPLATE));
        if (send(url, "HEAD", "/_alias/vigie-mentions", null).statusCode() == 404) {
            send(url, "PUT", "/vigie-mentions-000001", "{\"aliases\":{\"vigie-mentions\":{\"is_write_index\":true}}}");
        }
        Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
        StringBuilder bulk = new StringBuilder();
        String[][] mentions = {{"0", "negative", "-0.8"}, {"5", "positive", "0.6"}, {"10", "negative", "-0.4"},
                {"20", "neutral", "0.0"}, {"50", "negative", "-0.9"}};
        for (int i = 0; i < mentions.length; i++) {
            bulk.append("{\"index\":{\"_index\":\"vigie-mentions\",\"_id\":\"").append(watch).append('-').append(i)
                    .append("\"}}\n");
            bulk.append("{\"id\":\"").append(watch).append('-').append(i).append("\",\"watchIds\":[\"").append(watch)
                    .append("\"],\"publishedAt\":\"").append(t0.plus(Duration.ofMinutes(Long.parseLong(mentions[i][0]))))
                    .append("\",\"sentiment\":{\"label\":\"").append(mentions[i][1]).append("\",\"score\":")
                    .append(mentions[i][2]).append("}}\n");
        }
        bulk.append("{\"index\":{\"_index\":\"vigie-mentions\",\"_id\":\"").append(watch).append("-other\"}}\n")
                .append("{\"watchIds\":[\"other\"],\"publishedAt\":\"").append(t0).append("\"}\n");
        assertThat(send(url, "POST", "/_bulk?refresh=true", bulk.toString()).statusCode()).isEqualTo(200);

        List<WindowStats> windows = new OpenSearchWindowSource(URI.create(url))
                .windows(watch, t0.minus(Duration.ofHours(1)), t0.plus(Duration.ofHours(2)), WINDOW);

        assertThat(windows).extracting(WindowStats::windowStart)
                .containsExactly(t0, t0.plus(WINDOW), t0.plus(WINDOW.multipliedBy(3)));
        assertThat(windows.get(0).volume()).isEqualTo(3);
        assertThat(windows.get(0).negativeCount()).isEqualTo(2);
        assertThat(windows.get(0).ratedCount()).isEqualTo(3);
        assertThat(windows.get(0).scoreSum()).isCloseTo(-0.6, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(windows.get(2).negativeCount()).isEqualTo(1);
    }

    private static HttpResponse<String> send(String url, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
