package io.vigie.alert.notify.channel;

import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.Map;

/** Slack incoming webhook: one Block Kit message per notification (see {@link SlackMessage}). */
public final class SlackChannel implements NotificationChannel {

    private final String name;
    private final HttpPoster poster;
    private final URI uiBaseUrl;
    private final JsonMapper json;

    public SlackChannel(String name, HttpPoster poster, URI uiBaseUrl, JsonMapper json) {
        this.name = name;
        this.poster = poster;
        this.uiBaseUrl = uiBaseUrl;
        this.json = json;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public void send(Notification notification) {
        poster.post(json.writeValueAsBytes(SlackMessage.payload(notification, uiBaseUrl)), Map.of());
    }
}
