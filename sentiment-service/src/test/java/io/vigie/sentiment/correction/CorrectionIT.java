package io.vigie.sentiment.correction;

import io.vigie.contracts.Author;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionSource;
import io.vigie.sentiment.pipeline.PipelineTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Analysts' corrections against the real Kafka and OpenSearch: a mention flows in through Kafka, an analyst corrects
 * it over HTTP, search and export show it, and the mention delivered again keeps it.
 */
class CorrectionIT extends PipelineTestSupport {

    @Test
    void aCorrectionIsSearchableSurvivesRedeliveryIsExportedAndCanBeWithdrawn() throws Exception {
        String watch = "it-correction-" + UUID.randomUUID();
        MentionIngested mention = mention(watch, "I love the new app, the service is great", "en");
        send(mention);
        JsonNode indexed = await().atMost(PATIENCE).until(() -> onlyHit(watch), hit -> hit != null);
        assertThat(absent(indexed.path("humanSentiment"))).isTrue();
        String modelLabel = indexed.get("sentiment").get("label").stringValue();
        String analystLabel = modelLabel.equals("negative") ? "positive" : "negative";

        JsonNode recorded = json.readTree(http().put().uri("/api/mentions/{id}/sentiment", mention.id())
                .header("X-Vigie-User", "marie.dupont")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"label\":\"" + analystLabel + "\",\"note\":\"sarcasm: the app is down\"}")
                .retrieve().body(String.class));
        assertThat(recorded.get("humanSentiment").get("by").stringValue()).isEqualTo("marie.dupont");
        Instant at = Instant.parse(recorded.get("humanSentiment").get("at").stringValue());
        assertThat(at).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));

        // Visible as soon as the PUT answers: the model's label stays, the analyst's is beside it and wins in filters.
        JsonNode corrected = onlyHit(watch);
        assertThat(corrected.get("sentiment").get("label").stringValue()).isEqualTo(modelLabel);
        assertThat(corrected.get("humanSentiment").get("label").stringValue()).isEqualTo(analystLabel);
        assertThat(corrected.get("humanSentiment").get("note").stringValue()).isEqualTo("sarcasm: the app is down");
        assertThat(idsWithSentiment(watch, analystLabel)).containsExactly(mention.id());
        assertThat(idsWithSentiment(watch, modelLabel)).isEmpty();

        // The same mention delivered again (edited by its author): re-scored and re-indexed, the correction kept.
        String edited = "I love the new app, the service is great (edited)";
        send(mention(mention.id(), watch, edited, "en"));
        JsonNode redelivered = await().atMost(PATIENCE).until(() -> onlyHit(watch),
                hit -> hit != null && edited.equals(hit.get("text").stringValue()));
        assertThat(redelivered.get("humanSentiment").get("label").stringValue()).isEqualTo(analystLabel);
        assertThat(redelivered.get("humanSentiment").get("by").stringValue()).isEqualTo("marie.dupont");

        JsonNode exported = exportLine(mention.id());
        assertThat(exported).isNotNull();
        assertThat(exported.get("text").stringValue()).isEqualTo(edited);
        assertThat(exported.get("lang").stringValue()).isEqualTo("en");
        assertThat(exported.get("label").stringValue()).isEqualTo(analystLabel);
        assertThat(exported.get("by").stringValue()).isEqualTo("marie.dupont");
        assertThat(Instant.parse(exported.get("at").stringValue())).isEqualTo(at);

        // A second opinion without a user header or note replaces the first one whole: anonymous, no stale note.
        http().put().uri("/api/mentions/{id}/sentiment", mention.id()).contentType(MediaType.APPLICATION_JSON)
                .body("{\"label\":\"neutral\"}").retrieve().toBodilessEntity();
        JsonNode second = onlyHit(watch).get("humanSentiment");
        assertThat(second.get("label").stringValue()).isEqualTo("neutral");
        assertThat(second.get("by").stringValue()).isEqualTo("anonymous");
        assertThat(absent(second.path("note"))).isTrue();

        assertThat(http().delete().uri("/api/mentions/{id}/sentiment", mention.id()).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(204);
        assertThat(absent(onlyHit(watch).path("humanSentiment"))).isTrue();
        assertThat(idsWithSentiment(watch, modelLabel)).containsExactly(mention.id());
        assertThat(exportLine(mention.id())).isNull();
    }

    @Test
    void mistakesGetAnAnswerSayingWhatIsWrong() {
        assertProblem(() -> http().put().uri("/api/mentions/{id}/sentiment", "no-such-mention")
                        .contentType(MediaType.APPLICATION_JSON).body("{\"label\":\"negative\"}").retrieve().toBodilessEntity(),
                404, "no mention with id 'no-such-mention'");
        assertProblem(() -> http().put().uri("/api/mentions/{id}/sentiment", "any")
                        .contentType(MediaType.APPLICATION_JSON).body("{\"label\":\"angry\"}").retrieve().toBodilessEntity(),
                400, "unknown label 'angry': use negative, neutral or positive");
        assertProblem(() -> http().put().uri("/api/mentions/{id}/sentiment", "any")
                        .contentType(MediaType.APPLICATION_JSON).body("not json").retrieve().toBodilessEntity(),
                400, "the body must be a JSON object");
        assertProblem(() -> http().put().uri("/api/mentions/{id}/sentiment", "any").header("X-Vigie-User", "x".repeat(65))
                        .contentType(MediaType.APPLICATION_JSON).body("{\"label\":\"neutral\"}").retrieve().toBodilessEntity(),
                400, "X-Vigie-User is 65 characters long");
        assertProblem(() -> http().delete().uri("/api/mentions/{id}/sentiment", "no-such-mention").retrieve()
                .toBodilessEntity(), 404, "no mention with id");
        assertProblem(() -> http().get().uri("/api/mentions/corrections?format=csv").retrieve().toBodilessEntity(),
                400, "use format=jsonl");
    }

    private void assertProblem(Runnable call, int status, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HttpClientErrorException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(status);
            assertThat(json.readTree(e.getResponseBodyAsString()).get("detail").stringValue()).contains(detail);
        });
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    /** The watch's only mention as search shows it, or null while it is not indexed yet. */
    private JsonNode onlyHit(String watch) {
        JsonNode result = json.readTree(http().get().uri(b -> b.path("/api/mentions").queryParam("watch", watch).build())
                .retrieve().body(String.class));
        JsonNode hits = result.get("hits");
        return hits.isEmpty() ? null : hits.get(0);
    }

    private List<String> idsWithSentiment(String watch, String label) {
        JsonNode result = json.readTree(http().get().uri(b -> b.path("/api/mentions").queryParam("watch", watch)
                .queryParam("sentiment", label).build()).retrieve().body(String.class));
        return result.get("hits").valueStream().map(hit -> hit.get("id").stringValue()).toList();
    }

    /** The export's line for a mention, or null when it is not in the export. */
    private JsonNode exportLine(String id) {
        var response = http().get().uri("/api/mentions/corrections?format=jsonl").retrieve().toEntity(String.class);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/x-ndjson");
        String body = response.getBody() == null ? "" : response.getBody();
        return body.lines().map(json::readTree).filter(line -> id.equals(line.get("id").stringValue()))
                .findFirst().orElse(null);
    }

    private static MentionIngested mention(String watch, String text, String language) {
        return mention(MentionId.of("it", UUID.randomUUID().toString()), watch, text, language);
    }

    private static MentionIngested mention(String id, String watch, String text, String language) {
        Instant now = Instant.now();
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, id, List.of(watch),
                new MentionSource("it", "Integration test"), "https://example.org/" + id,
                new Author("Test Author", "tester", 12L, null), null, text, language, now, now, null, null);
    }
}
