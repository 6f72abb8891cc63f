package io.vigie.alert.notify.channel;

import io.vigie.alert.notify.TestAlerts;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessageTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final URI UI = URI.create("https://vigie.example.com/");

    @Test
    void anAlertIsAHeaderSectionsAndAContextBlock() {
        AlertRaised alert = TestAlerts.alert("nuvelia", "nuvelia:negative-surge:2025-03-30T00:00:00Z", Severity.HIGH,
                AlertStatus.OPEN);

        JsonNode payload = render(new Notification("k", "nuvelia", "Nuvelia", List.of(alert), List.of(), false));

        JsonNode blocks = payload.get("blocks");
        assertThat(types(blocks)).startsWith("header", "section").contains("context");
        assertThat(blocks.get(0).path("text").path("type").asString()).isEqualTo("plain_text");
        assertThat(blocks.get(0).path("text").path("text").asString()).isEqualTo("🔴 High alert: Nuvelia");
        JsonNode main = blocks.get(1);
        assertThat(main.path("text").path("text").asString()).isEqualTo("14 negative mentions in 15 min, usually 2.5");
        assertThat(main.path("fields").findValuesAsString("text")).containsExactly("*Severity*\nHigh",
                "*Status*\nOpen", "*Observed*\n14 negative_count (expected 2.5)", "*Since*\n2025-03-29T23:45:00Z");
        String all = payload.toString();
        assertThat(all).contains("<https://www.reddit.com/r/france/comments/abc|Nuvelia a encore fuité nos données>")
                .contains("<https://vigie.example.com/#/alerts/nuvelia%3Anegative-surge%3A2025-03-30T00%3A00%3A00Z|")
                .contains("By source: reddit 10, rss 4 · By language: fr 9, en 5");
        assertThat(payload.path("text").asString()).startsWith("High alert: Nuvelia: 14 negative mentions");
    }

    @Test
    void untrustedTextCannotPingTheChannelNorForgeALink() {
        AlertRaised alert = TestAlerts.alert("w", "w:1", Severity.MEDIUM, AlertStatus.OPEN,
                List.of(TestAlerts.hostileMention()));

        JsonNode payload = render(new Notification("k", "w", "<!here> team", List.of(alert), List.of(), false));

        // Slack parses <!here>, <!channel> and <url|label> only in mrkdwn (and the notification text); the header is
        // plain_text, shown as typed.
        List<String> parsed = new ArrayList<>();
        collectTexts(payload, parsed);
        parsed.removeIf(text -> text.startsWith("🟠"));
        assertThat(parsed).isNotEmpty().noneMatch(text -> text.contains("<!") || text.contains("<https://evil")
                || text.contains("javascript:"));
        assertThat(String.join("\n", parsed)).contains("&lt;!channel&gt;").contains("&lt;!here&gt;")
                .contains("&lt;https://evil.example|bank&gt;");
        assertThat(payload.get("blocks").get(0).path("text").path("type").asString()).isEqualTo("plain_text");
    }

    @Test
    void aResolutionSaysSo() {
        AlertRaised alert = TestAlerts.alert("w", "w:1", Severity.HIGH, AlertStatus.RESOLVED);

        JsonNode payload = render(new Notification("k", "w", "Acme", List.of(alert), List.of(), false));

        assertThat(payload.get("blocks").get(0).path("text").path("text").asString()).isEqualTo("✅ Resolved: Acme");
    }

    @Test
    void aDigestListsEveryAlert() {
        List<AlertRaised> alerts = List.of(
                TestAlerts.alert("w", "w:1", Severity.LOW, AlertStatus.OPEN),
                TestAlerts.alert("w", "w:2", Severity.MEDIUM, AlertStatus.OPEN));

        JsonNode payload = render(new Notification("k", "w", "Acme", alerts, List.of(), true));

        assertThat(types(payload.get("blocks"))).containsExactly("header", "section", "section", "context");
        assertThat(payload.get("blocks").get(0).path("text").path("text").asString())
                .isEqualTo("🗒 Vigie digest: 2 alerts for Acme");
    }

    @Test
    void aPossibleRepeatSaysSoUnderTheHeaderAndInThePhoneNotificationText() {
        AlertRaised alert = TestAlerts.alert("w", "w:1", Severity.HIGH, AlertStatus.OPEN);
        Notification first = new Notification("k", "w", "Acme", List.of(alert), List.of(), false);

        JsonNode again = render(first.asPossibleRepeat());

        JsonNode notice = again.get("blocks").get(1);
        assertThat(notice.path("type").asString()).isEqualTo("context");
        assertThat(notice.get("elements").get(0).path("text").asString())
                .isEqualTo("⚠️ " + AlertText.POSSIBLE_REPEAT);
        assertThat(again.path("text").asString()).startsWith("(possible repeat) High alert: Acme");
        // Otherwise the same message.
        JsonNode plain = render(first);
        List<String> withoutNotice = types(again.get("blocks"));
        withoutNotice.remove(1);
        assertThat(withoutNotice).isEqualTo(types(plain.get("blocks")));
        assertThat(plain.toString()).doesNotContain("repeat");
        JsonNode digest = render(new Notification("k", "w", "Acme", List.of(alert), List.of(), true, true));
        assertThat(types(digest.get("blocks"))).containsExactly("header", "context", "section", "context");
    }

    private static JsonNode render(Notification notification) {
        return JSON.readTree(JSON.writeValueAsString(SlackMessage.payload(notification, UI)));
    }

    /** Every string value under a "text" key, at any depth. */
    private static void collectTexts(JsonNode node, List<String> texts) {
        node.properties().forEach(property -> {
            if (property.getKey().equals("text") && property.getValue().isString()) {
                texts.add(property.getValue().asString());
            }
        });
        node.forEach(child -> collectTexts(child, texts));
    }

    private static List<String> types(JsonNode blocks) {
        List<String> types = new ArrayList<>();
        blocks.forEach(block -> types.add(block.path("type").asString()));
        return types;
    }
}
