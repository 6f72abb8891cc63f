package io.vigie.sentiment.pipeline;

import io.vigie.contracts.MentionIngested;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MentionSearchIT extends PipelineTestSupport {

    @Test
    void aFrenchSearchFindsElidedAndInflectedFormsAndHighlightsWithoutRenderingThePostsHtml() throws Exception {
        String watch = newWatchId("fr");
        String text = "Des milliers de clients prélevés deux fois, l'entreprise reste silencieuse. <script>alert('x')</script>";
        MentionIngested mention = mention(watch, UUID.randomUUID().toString(), text, "fr");
        send(mention);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(search(b -> b.queryParam("q", "entreprise")
                .queryParam("lang", "fr").queryParam("watch", watch).build()))).containsExactly(mention.id()));

        JsonNode hit = search(b -> b.queryParam("q", "entreprises").queryParam("watch", watch).build()).get("hits").get(0);
        assertThat(hit.get("text").asString()).isEqualTo(text);
        String highlights = hit.get("highlights").toString();
        // The French analyser reads "l'entreprise" as one token: the highlight marks it whole, apostrophe escaped.
        assertThat(highlights).contains("<em>l&#x27;entreprise</em>").contains("&lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void filtersBySentimentAndLanguage() throws Exception {
        String watch = newWatchId("filters");
        MentionIngested negative = mention(watch, UUID.randomUUID().toString(), "Outage again, the app is down. Awful.", "en");
        MentionIngested positive = mention(watch, UUID.randomUUID().toString(), "Super service, merci beaucoup !", "fr");
        send(negative);
        send(positive);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(searchWatch(watch))).hasSize(2));

        assertThat(ids(search(b -> b.queryParam("watch", watch).queryParam("sentiment", "negative").build())))
                .containsExactly(negative.id());
        assertThat(ids(search(b -> b.queryParam("watch", watch).queryParam("lang", "fr").build())))
                .containsExactly(positive.id());
        assertThat(ids(search(b -> b.queryParam("watch", watch).queryParam("from", "2000-01-01")
                .queryParam("to", "2000-01-02").build()))).isEmpty();
    }

    @Test
    void healthIsUpForTheLauncherToWaitOn() {
        String health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health").retrieve().body(String.class);
        assertThat(json.readTree(health).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void badParametersGetA400SayingWhatIsWrong() {
        RestClient client = RestClient.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> client.get().uri("/api/mentions?from=yesterday").retrieve().body(String.class))
                .isInstanceOfSatisfying(HttpClientErrorException.class, e -> {
                    assertThat(e.getStatusCode().value()).isEqualTo(400);
                    JsonNode problem = json.readTree(e.getResponseBodyAsString());
                    assertThat(problem.get("detail").asString()).contains("'yesterday' is not an ISO-8601 date");
                    assertThat(problem.get("parameter").asString()).isEqualTo("from");
                });
        assertThatThrownBy(() -> client.get().uri("/api/mentions?size=500").retrieve().body(String.class))
                .isInstanceOfSatisfying(HttpClientErrorException.class,
                        e -> assertThat(e.getResponseBodyAsString()).contains("size must be between 1 and 100"));
        assertThatThrownBy(() -> client.get().uri("/api/mentions?sentiment=angry").retrieve().body(String.class))
                .isInstanceOfSatisfying(HttpClientErrorException.class,
                        e -> assertThat(e.getResponseBodyAsString()).contains("unknown sentiment 'angry'"));
    }
}
