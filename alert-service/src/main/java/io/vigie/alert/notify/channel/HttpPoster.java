package io.vigie.alert.notify.channel;

import io.vigie.alert.notify.WebhookUrlGuard;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs a JSON body to one channel's URL. The URL is checked by the {@link WebhookUrlGuard} before every call (DNS
 * answers change), redirects are not followed (one could lead past the check), and no error message carries the URL:
 * incoming-webhook URLs are credentials.
 */
public final class HttpPoster {

    private static final int WARM_UP_EXCHANGES = 3;

    private final String channel;
    private final URI url;
    private final WebhookUrlGuard guard;
    private final Duration timeout;
    private final HttpClient http;

    public HttpPoster(String channel, URI url, boolean allowPrivateAddresses, Duration timeout) {
        this.channel = channel;
        this.url = url;
        this.guard = new WebhookUrlGuard(allowPrivateAddresses);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            guard.check(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("notification channel '" + channel + "': URL refused: " + e.getMessage()
                    + " (vigie.alert.notify.channels." + channel + ".url or url-file)", e);
        }
    }

    public String host() {
        return url.getHost();
    }

    /** A few requests of this channel's own client to a loopback socket of its own: see {@link HttpClientWarmUp}. */
    void warmUp() throws IOException, InterruptedException {
        HttpClientWarmUp.run(http, WARM_UP_EXCHANGES, timeout);
    }

    /** @throws DeliveryFailure unless the receiver answered 2xx */
    public void post(byte[] body, Map<String, String> headers) {
        try {
            guard.check(url);
        } catch (IllegalArgumentException e) {
            // Possibly a DNS change: retried like an outage, and failed for good after give-up-after.
            throw DeliveryFailure.transientFailure("URL refused: " + e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "vigie-alert-service")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String failure = clean(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())) + " calling host " + url.getHost();
            throw neverSent(e) ? DeliveryFailure.transientFailure(failure)
                    : DeliveryFailure.uncertainFailure(failure + " (the message may have arrived)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.transientFailure("interrupted (shutting down)");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String answer = "host " + url.getHost() + " answered HTTP " + status + answerBody(response.body());
        if (status == 504) {
            // A gateway in front of the receiver gave up waiting for it: the receiver may still have posted it.
            throw DeliveryFailure.uncertainFailure(answer);
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw DeliveryFailure.transientFailure(answer);
        }
        if (status >= 300 && status < 400) {
            throw DeliveryFailure.permanentFailure(answer + " (a redirect, not followed: configure the final URL of"
                    + " channel '" + channel + "')");
        }
        throw DeliveryFailure.permanentFailure(answer + " (the message was refused; check channel '" + channel
                + "' and its URL)");
    }

    /**
     * Failures before the request could be written: no connection (refused, unresolved, connect timeout) or no TLS
     * session. Any other I/O failure (a timeout waiting for the answer, a connection cut) may come after the receiver
     * took the message.
     */
    static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof HttpConnectTimeoutException
                || e instanceof UnknownHostException || e instanceof SSLHandshakeException;
    }

    private String answerBody(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return ": " + AlertText.truncate(clean(AlertText.plain(body)), 200);
    }

    /** Never let the URL (its path or query holds the token) reach a log or the delivery record. */
    private String clean(String message) {
        String cleaned = message.replace(url.toString(), "<url of channel " + channel + ">");
        String path = url.getRawPath();
        return path == null || path.length() < 2 ? cleaned : cleaned.replace(path, "<path>");
    }
}
