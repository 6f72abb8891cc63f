package io.vigie.alert.notify;

import io.vigie.alert.config.AlertProperties;
import io.vigie.contracts.AlertRaised;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs each alert as JSON to the configured webhook, retrying with exponential backoff. Called from the alert
 * history consumer, never from the Streams topology, so a slow receiver delays notifications, not detection.
 * The URL is checked at start-up (the application refuses to start with an unsafe one) and again before each call,
 * as DNS answers change. It is never logged: it often carries a secret token.
 */
@Component
public class WebhookNotifier {

    private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

    private final AlertProperties.Webhook settings;
    private final WebhookUrlGuard guard;
    private final JsonMapper json;
    private final HttpClient http;

    public WebhookNotifier(AlertProperties properties, JsonMapper json) {
        this.settings = properties.webhook();
        this.guard = new WebhookUrlGuard(settings.allowPrivateAddresses());
        this.json = json;
        // Redirects are not followed: a redirect could lead past the address check.
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        if (settings.enabled()) {
            try {
                guard.check(settings.url());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("vigie.alert.webhook.url (VIGIE_ALERT_WEBHOOK_URL) refused: "
                        + e.getMessage(), e);
            }
            log.info("Webhook notifications enabled to host {}", settings.url().getHost());
        } else {
            log.info("Webhook notifications disabled: set VIGIE_ALERT_WEBHOOK_URL to enable them");
        }
    }

    /** @return whether the receiver accepted the alert (false also when the channel is disabled) */
    public boolean notify(AlertRaised alert) {
        if (!settings.enabled()) {
            return false;
        }
        URI url = settings.url();
        try {
            guard.check(url);
        } catch (IllegalArgumentException e) {
            log.error("Webhook: alert {} not sent: {}", alert.id(), e.getMessage());
            return false;
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "vigie-alert-service")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(alert)))
                .build();
        Duration backoff = settings.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            String failure = send(request);
            if (failure == null) {
                log.info("Webhook: alert {} delivered to host {}", alert.id(), url.getHost());
                return true;
            }
            if (attempt >= settings.maxAttempts()) {
                log.error("Webhook: gave up on alert {} after {} attempts; last failure: {}. Check the receiver"
                        + " at host {}", alert.id(), attempt, failure, url.getHost());
                return false;
            }
            log.warn("Webhook: attempt {}/{} for alert {} failed: {}; retrying in {} ms",
                    attempt, settings.maxAttempts(), alert.id(), failure, backoff.toMillis());
            if (!sleep(backoff)) {
                return false;
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    /** @return null on a 2xx answer, else why the attempt failed */
    private String send(HttpRequest request) {
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
