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

class TeamsCardTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final URI UI = URI.create("https://vigie.example.com");

    @Test
    void anAlertIsAnAdaptiveCardInAMessageAttachment() {
        AlertRaised alert = TestAlerts.alert("nuvelia", "n:1", Severity.HIGH, AlertStatus.ESCALATED);

        JsonNode message = render(new Notification("k", "nuvelia", "Nuvelia", List.of(alert), List.of(), false));

        assertThat(message.path("type").asString()).isEqualTo("message");
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.path("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asString()).isEqualTo("1.4");
        assertThat(texts(card)).startsWith("Escalated to high: Nuvelia", "14 negative mentions in 15 min, usually 2.5")
                .contains("• Nuvelia a encore fuité nos données (reddit)");
        assertThat(card.get("body").get(2).path("type").asString()).isEqualTo("FactSet");
        assertThat(card.get("body").get(2).get("facts").findValuesAsString("title"))
                .containsExactly("Severity", "Status", "Observed", "Since", "Detector");
        assertThat(card.get("actions").get(0).path("url").asString()).isEqualTo("https://vigie.example.com/#/alerts/n%3A1");
        JsonNode firstMention = card.get("body").get(4).get("inlines").get(0);
        assertThat(firstMention.path("selectAction").path("url").asString())
                .isEqualTo("https://www.reddit.com/r/france/comments/abc");
    }

    @Test
    void untrustedTextIsPlainTextRunsAndUnsafeUrlsAreNotLinked() {
        AlertRaised alert = TestAlerts.alert("w", "w:1", Severity.LOW, AlertStatus.OPEN,
                List.of(TestAlerts.hostileMention()));

        JsonNode card = render(new Notification("k", "w", "Acme", List.of(alert), List.of(), false))
                .get("attachments").get(0).get("content");

        // Every piece of user text is in a TextRun (no markdown in Teams), never a markdown TextBlock.
        assertThat(card.findValues("type")).extracting(JsonNode::asString).doesNotContain("TextBlock");
        assertThat(texts(card)).anyMatch(text -> text.startsWith("• <!channel> <script>"));
        assertThat(card.toString()).doesNotContain("javascript:");
    }

    @Test
    void aPossibleRepeatSaysSoUnderTheTitle() {
        AlertRaised alert = TestAlerts.alert("nuvelia", "n:1", Severity.HIGH, AlertStatus.ESCALATED);
        Notification first = new Notification("k", "nuvelia", "Nuvelia", List.of(alert), List.of(), false);

        JsonNode again = render(first.asPossibleRepeat()).get("attachments").get(0).get("content");

        assertThat(texts(again)).startsWith("Escalated to high: Nuvelia", "⚠️ " + AlertText.POSSIBLE_REPEAT,
                "14 negative mentions in 15 min, usually 2.5");
        assertThat(render(first).toString()).doesNotContain("repeat");
    }

    private static JsonNode render(Notification notification) {
        return JSON.readTree(JSON.writeValueAsString(TeamsCard.payload(notification, UI)));
    }

    private static List<String> texts(JsonNode card) {
        List<String> texts = new ArrayList<>();
        card.get("body").forEach(block -> block.path("inlines").forEach(run -> texts.add(run.path("text").asString())));
        return texts;
    }
}
