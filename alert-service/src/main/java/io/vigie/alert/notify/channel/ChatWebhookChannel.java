package io.vigie.alert.notify.channel;

import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A chat tool's incoming webhook: one JSON message per notification, in the tool's own layout. Slack gets Block Kit
 * ({@link SlackMessage}), Microsoft Teams an Adaptive Card ({@link TeamsCard}).
 */
public final class ChatWebhookChannel implements NotificationChannel {

    private final String name;
    private final String type;
    private final HttpPoster poster;
    private final URI uiBaseUrl;
    private final JsonMapper json;
    private final BiFunction<Notification, URI, Object> payload;

    private ChatWebhookChannel(String name, String type, HttpPoster poster, URI uiBaseUrl, JsonMapper json,
                               BiFunction<Notification, URI, Object> payload) {
        this.name = name;
        this.type = type;
        this.poster = poster;
        this.uiBaseUrl = uiBaseUrl;
        this.json = json;
        this.payload = payload;
    }

    public static ChatWebhookChannel slack(String name, HttpPoster poster, URI uiBaseUrl, JsonMapper json) {
        return new ChatWebhookChannel(name, "slack", poster, uiBaseUrl, json, SlackMessage::payload);
    }

    public static ChatWebhookChannel teams(String name, HttpPoster poster, URI uiBaseUrl, JsonMapper json) {
        return new ChatWebhookChannel(name, "teams", poster, uiBaseUrl, json, TeamsCard::payload);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void warmUp() throws Exception {
        poster.warmUp();
    }

    @Override
    public void send(Notification notification) {
        poster.post(json.writeValueAsBytes(payload.apply(notification, uiBaseUrl)), Map.of());
    }
}
