package io.vigie.alert.notify.channel;

import io.vigie.contracts.AlertMention;
import io.vigie.contracts.AlertRaised;
import org.springframework.web.util.HtmlUtils;

import java.net.URI;
import java.util.List;

/**
 * Subject, plain text and HTML of a notification email. Untrusted strings are HTML-escaped in the HTML part (a
 * mention titled {@code <script>} or {@code <img onerror>} shows as text), hrefs are only http(s) URLs, and the
 * subject is one line (no header injection through a watch name).
 */
public record EmailContent(String subject, String text, String html) {

    private static final int SUBJECT_MAX = 200;

    public static EmailContent of(Notification notification, URI uiBaseUrl) {
        String subject = AlertText.truncate("[Vigie] " + (notification.digest()
                ? AlertText.digestTitle(notification)
                : AlertText.title(notification.alert(), notification.watchName())), SUBJECT_MAX);
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.append("<h2>").append(escape(subject.substring("[Vigie] ".length()))).append("</h2>");
        text.append(subject.substring("[Vigie] ".length())).append("\n\n");
        if (notification.possibleRepeat()) {
            html.append("<p style=\"color:#a15c00\">").append(escape(AlertText.POSSIBLE_REPEAT)).append("</p>");
            text.append(AlertText.POSSIBLE_REPEAT).append("\n\n");
        }
        for (AlertRaised alert : notification.alerts()) {
            if (notification.digest()) {
                String title = AlertText.title(alert, notification.watchName()) + " (" + AlertText.status(alert) + ")";
                html.append("<h3>").append(escape(title)).append("</h3>");
                text.append("== ").append(title).append('\n');
            }
            append(alert, uiBaseUrl, text, html);
        }
        html.append("<p style=\"color:#777\">Sent by Vigie for watch ").append(escape(notification.watchId()))
                .append(".</p></body></html>");
        text.append("-- \nSent by Vigie for watch ").append(AlertText.plain(notification.watchId())).append(".\n");
        return new EmailContent(AlertText.plain(subject), text.toString(), html.toString());
    }

    private static void append(AlertRaised alert, URI uiBaseUrl, StringBuilder text, StringBuilder html) {
        String summary = AlertText.plain(alert.summary());
        String incident = AlertText.incidentUrl(uiBaseUrl, alert);
        html.append("<p>").append(escape(summary)).append("</p><table>")
                .append(row("Severity", AlertText.severity(alert.severity())))
                .append(row("Status", AlertText.status(alert)))
                .append(row("Observed", AlertText.observedVsExpected(alert)))
                .append(row("Since", AlertText.since(alert)));
        text.append(summary).append("\n\n")
                .append("Severity: ").append(AlertText.severity(alert.severity())).append('\n')
                .append("Status:   ").append(AlertText.status(alert)).append('\n')
                .append("Observed: ").append(AlertText.observedVsExpected(alert)).append('\n')
                .append("Since:    ").append(AlertText.since(alert)).append('\n');
        String breakdown = AlertText.breakdown(alert.breakdown());
        if (!breakdown.isEmpty()) {
            html.append(row("Breakdown", breakdown));
            text.append(breakdown).append('\n');
        }
        html.append("</table>");
        List<AlertMention> mentions = alert.topMentions().subList(0,
                Math.min(alert.topMentions().size(), AlertText.TOP_MENTIONS));
        if (!mentions.isEmpty()) {
            html.append("<p><b>Top mentions</b></p><ul>");
            text.append("\nTop mentions:\n");
            for (AlertMention mention : mentions) {
                String title = AlertText.mentionTitle(mention);
                String url = AlertText.safeUrl(mention.url());
                String source = mention.source() == null ? "" : " (" + AlertText.plain(mention.source()) + ")";
                html.append("<li>").append(url == null ? escape(title) : anchor(url, title))
                        .append(escape(source)).append("</li>");
                text.append("- ").append(title).append(source).append(url == null ? "" : "\n  " + url).append('\n');
            }
            html.append("</ul>");
        }
        html.append("<p>").append(anchor(incident, "Open the incident in Vigie")).append("</p>");
        text.append("\nOpen the incident in Vigie: ").append(incident).append("\n\n");
    }

    private static String row(String name, String value) {
        return "<tr><td style=\"padding-right:1em;color:#555\">" + escape(name) + "</td><td>" + escape(value)
                + "</td></tr>";
    }

    private static String anchor(String url, String label) {
        return "<a href=\"" + escape(url) + "\">" + escape(label) + "</a>";
    }

    static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    }
}
