package io.vigie.alert.notify.channel;

import io.vigie.contracts.AlertMention;
import io.vigie.contracts.AlertRaised;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vigie.alert.notify.channel.Json.object;

/**
 * The message of a Microsoft Teams incoming webhook (or Workflows "post to a channel" URL): an Adaptive Card 1.4 in
 * an attachment. Untrusted strings go into {@code RichTextBlock} text runs, which Teams does not parse as markdown,
 * so a mention titled {@code [click](https://evil)} or {@code **URGENT**} shows as typed; links are only made from
 * http(s) URLs, through {@code Action.OpenUrl}.
 */
public final class TeamsCard {

    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    private static final int DIGEST_MAX_ALERTS = 20;

    private TeamsCard() {
    }

    public static Map<String, Object> payload(Notification notification, URI uiBaseUrl) {
        List<Object> body = new ArrayList<>();
        List<Object> actions = new ArrayList<>();
        if (notification.digest()) {
            body.add(text(AlertText.digestTitle(notification), "Large", "Bolder", null));
            List<AlertRaised> alerts = notification.alerts();
            for (AlertRaised alert : alerts.subList(0, Math.min(alerts.size(), DIGEST_MAX_ALERTS))) {
                body.add(text(AlertText.title(alert, notification.watchName()) + " (" + AlertText.status(alert) + ")",
                        "Medium", "Bolder", null));
                body.add(text(AlertText.plain(alert.summary()) + " — " + AlertText.observedVsExpected(alert)
                        + " since " + AlertText.since(alert), null, null, null));
                body.add(text("Open in Vigie", null, null, AlertText.incidentUrl(uiBaseUrl, alert)));
            }
            if (alerts.size() > DIGEST_MAX_ALERTS) {
                body.add(text((alerts.size() - DIGEST_MAX_ALERTS) + " more in Vigie", null, null, null));
            }
        } else {
            AlertRaised alert = notification.alert();
            body.add(text(AlertText.title(alert, notification.watchName()), "Large", "Bolder", null));
            body.add(text(AlertText.plain(alert.summary()), null, null, null));
            body.add(object("type", "FactSet", "facts", List.of(
                    fact("Severity", AlertText.severity(alert.severity())),
                    fact("Status", AlertText.status(alert)),
                    fact("Observed", AlertText.observedVsExpected(alert)),
                    fact("Since", AlertText.since(alert)),
                    fact("Detector", alert.detector()))));
            if (!alert.topMentions().isEmpty()) {
                body.add(text("Top mentions", "Medium", "Bolder", null));
                for (AlertMention mention : alert.topMentions().subList(0,
                        Math.min(alert.topMentions().size(), AlertText.TOP_MENTIONS))) {
                    String source = mention.source() == null ? "" : " (" + AlertText.plain(mention.source()) + ")";
                    body.add(text("• " + AlertText.mentionTitle(mention) + source, null, null,
                            AlertText.safeUrl(mention.url())));
                }
            }
            String breakdown = AlertText.breakdown(alert.breakdown());
            if (!breakdown.isEmpty()) {
                body.add(text(breakdown, "Small", null, null));
            }
            actions.add(object("type", "Action.OpenUrl", "title", "Open the incident in Vigie",
                    "url", AlertText.incidentUrl(uiBaseUrl, alert)));
        }
        if (notification.possibleRepeat()) {
            // Right under the title: the first thing a reader sees after it.
            body.add(1, text("⚠️ " + AlertText.POSSIBLE_REPEAT, "Small", null, null));
        }
        Map<String, Object> card = object(
                "$schema", "http://adaptivecards.io/schemas/adaptive-card.json",
                "type", "AdaptiveCard",
                "version", "1.4",
                "body", body,
                "actions", actions.isEmpty() ? null : actions,
                "msteams", object("width", "Full"));
        return object("type", "message", "attachments", List.of(object(
                "contentType", CONTENT_TYPE,
                "contentUrl", null,
                "content", card)));
    }

    /** A text block that Teams shows verbatim (no markdown), a link when {@code url} is set. */
    private static Map<String, Object> text(String text, String size, String weight, String url) {
        Map<String, Object> run = object("type", "TextRun", "text", AlertText.plain(text), "size", size,
                "weight", weight,
                "selectAction", url == null ? null : object("type", "Action.OpenUrl", "url", url));
        return object("type", "RichTextBlock", "inlines", List.of(run));
    }

    /** Facts are markdown in Teams: only Vigie's own words and figures go there, never a user's text. */
    private static Map<String, Object> fact(String title, String value) {
        return object("title", title, "value", value);
    }
}
