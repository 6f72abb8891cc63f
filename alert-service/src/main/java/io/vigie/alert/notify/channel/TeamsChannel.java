package io.vigie.alert.notify.channel;

import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.Map;

/** Microsoft Teams incoming webhook: one Adaptive Card per notification (see {@link TeamsCard}). */
public final class TeamsChannel implements NotificationChannel {

    private final String name;
    private final HttpPoster poster;
    private final URI uiBaseUrl;
    private final JsonMapper json;

    public TeamsChannel(String name, HttpPoster poster, URI uiBaseUrl, JsonMapper json) {
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
        return "teams";
    }

    @Override
    public void send(Notification notification) {
        poster.post(json.writeValueAsBytes(TeamsCard.payload(notification, uiBaseUrl)), Map.of());
    }
}
