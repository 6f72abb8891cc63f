package io.vigie.alert.notify.channel;

import io.vigie.alert.notify.TestAlerts;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmailContentTests {

    private static final URI UI = URI.create("https://vigie.example.com");

    @Test
    void htmlEscapesMentionTextsAndLinksOnlyHttpUrls() {
        AlertRaised alert = TestAlerts.alert("w", "w:1", Severity.HIGH, AlertStatus.OPEN,
                List.of(TestAlerts.hostileMention(), TestAlerts.alert("w", "x", Severity.LOW, AlertStatus.OPEN)
                        .topMentions().get(0)));

        EmailContent email = EmailContent.of(new Notification("k", "w", "Acme <b>", List.of(alert), List.of(), false),
                UI);

        assertThat(email.html()).doesNotContain("<script>").doesNotContain("javascript:").doesNotContain("Acme <b>").contains("Acme &lt;b&gt;")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("<a href=\"https://www.reddit.com/r/france/comments/abc\">")
                .contains("<a href=\"https://vigie.example.com/#/alerts/w%3A1\">Open the incident in Vigie</a>");
        // The plain part is text: shown as typed, never interpreted.
        assertThat(email.text()).contains("<!channel> <script>alert('x')</script>")
                .contains("Observed: 14 negative_count (expected 2.5)")
                .contains("Open the incident in Vigie: https://vigie.example.com/#/alerts/w%3A1");
    }

    @Test
    void theSubjectIsOneLine() {
        AlertRaised alert = TestAlerts.alert("w", "w:1", Severity.MEDIUM, AlertStatus.OPEN);

        EmailContent email = EmailContent.of(new Notification("k", "w", "Acme\r\nBcc: everyone@example.com",
                List.of(alert), List.of(), false), UI);

        assertThat(email.subject()).isEqualTo("[Vigie] Medium alert: Acme Bcc: everyone@example.com")
                .doesNotContain("\r").doesNotContain("\n");
    }

    @Test
    void aPossibleRepeatSaysSoBeforeTheAlertInBothParts() {
        AlertRaised alert = TestAlerts.alert("w", "w:1", Severity.MEDIUM, AlertStatus.OPEN);
        Notification first = new Notification("k", "w", "Acme", List.of(alert), List.of(), false);

        EmailContent again = EmailContent.of(first.asPossibleRepeat(), UI);

        assertThat(again.text()).startsWith("Medium alert: Acme\n\n" + AlertText.POSSIBLE_REPEAT + "\n\n");
        assertThat(again.html()).contains("</h2><p style=\"color:#a15c00\">"
                + EmailContent.escape(AlertText.POSSIBLE_REPEAT) + "</p>");
        assertThat(again.subject()).isEqualTo(EmailContent.of(first, UI).subject());
        assertThat(EmailContent.of(first, UI).text()).doesNotContain("repeat");
    }
}
