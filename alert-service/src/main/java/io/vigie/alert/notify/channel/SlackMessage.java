package io.vigie.alert.notify.channel;

import io.vigie.contracts.AlertMention;
import io.vigie.contracts.AlertRaised;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vigie.alert.notify.channel.Json.object;

/**
 * The Block Kit payload of a Slack incoming webhook. Every untrusted string (watch name, summary, mention titles,
 * URLs) is escaped for mrkdwn: {@code &}, {@code <} and {@code >} become entities, so {@code <!channel>}, a fake
 * {@code <https://evil|link>} or a user mention in a mention's title shows as text and pings no one.
 */
public final class SlackMessage {

    /** Slack refuses a section text above 3000 characters and a header above 150. */
    private static final int SECTION_MAX = 3000;
    private static final int HEADER_MAX = 150;
    private static final int DIGEST_MAX_ALERTS = 20;

    private SlackMessage() {
    }

    public static Map<String, Object> payload(Notification notification, URI uiBaseUrl) {
        Map<String, Object> message = notification.digest() ? digest(notification, uiBaseUrl)
                : single(notification.alert(), notification.watchName(), uiBaseUrl);
        if (notification.possibleRepeat()) {
            // Right under the header: the first thing a reader sees after the title.
            @SuppressWarnings("unchecked")
            List<Object> blocks = (List<Object>) message.get("blocks");
            blocks.add(1, object("type", "context", "elements", List.of(mrkdwn("⚠️ "
                    + escape(AlertText.POSSIBLE_REPEAT)))));
            // The text is what a phone's notification shows.
            message.put("text", "(possible repeat) " + message.get("text"));
        }
        return message;
    }

    static Map<String, Object> single(AlertRaised alert, String watchName, URI uiBaseUrl) {
        List<Object> blocks = new ArrayList<>();
        String title = AlertText.title(alert, watchName);
        blocks.add(header((AlertText.resolved(alert) ? "✅ " : icon(alert)) + title));
        blocks.add(object("type", "section",
                "text", mrkdwn(escape(AlertText.plain(alert.summary()))),
                "fields", List.of(
                        mrkdwn("*Severity*\n" + AlertText.severity(alert.severity())),
                        mrkdwn("*Status*\n" + AlertText.status(alert)),
                        mrkdwn("*Observed*\n" + escape(AlertText.observedVsExpected(alert))),
                        mrkdwn("*Since*\n" + escape(AlertText.since(alert))))));
        if (!alert.topMentions().isEmpty()) {
            blocks.add(section("*Top mentions*\n" + mentions(alert)));
        }
        blocks.add(section(link(AlertText.incidentUrl(uiBaseUrl, alert), "Open the incident in Vigie")));
        List<Object> context = new ArrayList<>();
        context.add(mrkdwn("Detector " + escape(alert.detector()) + " · alert " + escape(alert.id())));
        String breakdown = AlertText.breakdown(alert.breakdown());
        if (!breakdown.isEmpty()) {
            context.add(mrkdwn(escape(breakdown)));
        }
        blocks.add(object("type", "context", "elements", context));
        return object("text", escape(title + ": " + AlertText.plain(alert.summary())), "blocks", blocks);
    }

    static Map<String, Object> digest(Notification notification, URI uiBaseUrl) {
        List<Object> blocks = new ArrayList<>();
        String title = AlertText.digestTitle(notification);
        blocks.add(header("🗒 " + title));
        List<AlertRaised> alerts = notification.alerts();
        for (AlertRaised alert : alerts.subList(0, Math.min(alerts.size(), DIGEST_MAX_ALERTS))) {
            blocks.add(section("*" + escape(AlertText.title(alert, notification.watchName())) + "* ("
                    + AlertText.status(alert) + ")\n" + escape(AlertText.plain(alert.summary())) + "\n"
                    + escape(AlertText.observedVsExpected(alert)) + " since " + escape(AlertText.since(alert)) + " · "
                    + link(AlertText.incidentUrl(uiBaseUrl, alert), "open")));
        }
        String more = alerts.size() > DIGEST_MAX_ALERTS
                ? (alerts.size() - DIGEST_MAX_ALERTS) + " more in Vigie · " : "";
        blocks.add(object("type", "context", "elements",
                List.of(mrkdwn(more + "Held back by quiet hours or a digest route of watch "
                        + escape(notification.watchId())))));
        return object("text", escape(title), "blocks", blocks);
    }

    private static String mentions(AlertRaised alert) {
        StringBuilder text = new StringBuilder();
        for (AlertMention mention : alert.topMentions().subList(0, Math.min(alert.topMentions().size(),
                AlertText.TOP_MENTIONS))) {
            String url = AlertText.safeUrl(mention.url());
            String title = AlertText.mentionTitle(mention);
            text.append("• ").append(url == null ? escape(title) : link(url, title));
            if (mention.source() != null) {
                text.append(" (").append(escape(AlertText.plain(mention.source()))).append(')');
            }
            text.append('\n');
        }
        return text.toString().strip();
    }

    private static Map<String, Object> header(String text) {
        return object("type", "header", "text", object("type", "plain_text",
                "text", AlertText.truncate(text, HEADER_MAX), "emoji", true));
    }

    private static Map<String, Object> section(String markdown) {
        return object("type", "section", "text", mrkdwn(markdown));
    }

    private static Map<String, Object> mrkdwn(String text) {
        return object("type", "mrkdwn", "text", AlertText.truncate(text.isEmpty() ? " " : text, SECTION_MAX));
    }

    private static String icon(AlertRaised alert) {
        return alert.severity() == null ? "" : switch (alert.severity()) {
            case HIGH -> "🔴 ";
            case MEDIUM -> "🟠 ";
            case LOW -> "🟡 ";
        };
    }

    /** {@code <url|label>}: the URL must be http(s) (see {@link AlertText#safeUrl}); both parts escaped. */
    static String link(String url, String label) {
        String target = escape(url).replace("|", "%7C");
        return "<" + target + "|" + escape(label).replace("|", "¦") + ">";
    }

    /** Slack's own escaping rule for mrkdwn: only these three characters are control characters. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
