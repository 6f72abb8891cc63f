package io.vigie.alert.notify.channel;

import io.vigie.contracts.AlertRaised;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generic webhook: the {@link AlertRaised} itself as JSON (a digest: {@code {"type":"digest","watchId":..,
 * "alerts":[..]}}), signed with {@code X-Vigie-Signature} when the channel has a secret, with
 * {@code X-Vigie-Timestamp} and an {@code Idempotency-Key} that is the same on every attempt.
 */
public final class WebhookChannel implements NotificationChannel {

    public static final String TIMESTAMP_HEADER = "X-Vigie-Timestamp";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String POSSIBLE_REPEAT_HEADER = "X-Vigie-Possible-Repeat";

    private final String name;
    private final HttpPoster poster;
    private final String secret;
    private final JsonMapper json;
    private final Clock clock;

    public WebhookChannel(String name, HttpPoster poster, String secret, JsonMapper json, Clock clock) {
        this.name = name;
        this.poster = poster;
        this.secret = secret;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "webhook";
    }

    public boolean signed() {
        return secret != null;
    }

    @Override
    public void warmUp() throws Exception {
        poster.warmUp();
    }

    @Override
    public void send(Notification notification) {
        byte[] body = json.writeValueAsBytes(body(notification));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(TIMESTAMP_HEADER, Long.toString(clock.instant().getEpochSecond()));
        headers.put(IDEMPOTENCY_HEADER, notification.idempotencyKey());
        if (secret != null) {
            headers.put(WebhookSignature.HEADER, WebhookSignature.sign(secret, body));
        }
        if (notification.possibleRepeat()) {
            // The idempotency key already lets a receiver drop it; this tells one that keeps no keys.
            headers.put(POSSIBLE_REPEAT_HEADER, "true");
        }
        poster.post(body, headers);
    }

    static Object body(Notification notification) {
        if (!notification.digest()) {
            return notification.alert();
        }
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("type", "digest");
        digest.put("watchId", notification.watchId());
        List<AlertRaised> alerts = notification.alerts();
        digest.put("alerts", alerts);
        return digest;
    }
}
