package io.vigie.devstack.opensearch;

import io.vigie.devstack.process.ManagedProcess;
import io.vigie.devstack.process.StartupWait;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/** The node is ready when its cluster health is yellow or green: it then accepts index and search requests. */
public final class OpenSearchReadiness {

    private static final Pattern USABLE = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private OpenSearchReadiness() {
    }

    public static void await(ManagedProcess node, String url, Duration timeout) {
        StartupWait.await(node, timeout, () -> isHealthy(url));
    }

    public static boolean isHealthy(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/_cluster/health"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && USABLE.matcher(response.body()).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
