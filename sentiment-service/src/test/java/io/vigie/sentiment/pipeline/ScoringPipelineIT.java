package io.vigie.sentiment.pipeline;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.Topics;
import io.vigie.sentiment.model.TrainCommand;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ScoringPipelineIT extends PipelineTestSupport {

    @Test
    void aMentionSentTwiceIsIndexedOnceSearchableWithItsSentiment() throws Exception {
        String watch = newWatchId("dup");
        MentionIngested mention = mention(watch, UUID.randomUUID().toString(),
                "Charged twice by Nuvelia and support never answers. Total scam, awful.", "en");
        send(mention);
        send(mention);
        MentionIngested sentinel = withId(mention(watch, "sentinel", "The meter was installed on Tuesday.", "en"),
                sentinelIdOnPartitionOf(mention.id()));
        send(sentinel);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(searchWatch(watch))).contains(sentinel.id()));

        JsonNode result = searchWatch(watch);
        assertThat(result.get("total").asLong()).isEqualTo(2);
        assertThat(ids(result)).containsExactlyInAnyOrder(mention.id(), sentinel.id());
        JsonNode hit = hitWithId(result, mention.id());
        assertThat(hit.get("language").asString()).isEqualTo("en");
        assertThat(hit.get("sentiment").get("label").asString()).isEqualTo("negative");
        assertThat(hit.get("sentiment").get("score").asDouble()).isBetween(-1.0, -0.05);
        assertThat(hit.get("sentiment").get("modelVersion").asString()).isEqualTo(TrainCommand.DEFAULT_VERSION);
        assertThat(hit.get("text").asString()).isEqualTo(mention.text());
        assertThat(hit.get("watchIds").get(0).asString()).isEqualTo(watch);
    }

    @Test
    void scoredMentionsArePublishedKeyedByMentionId() throws Exception {
        MentionIngested mention = mention(newWatchId("keyed"), UUID.randomUUID().toString(),
                "J'adore l'application Nuvelia, rapide et efficace.", "fr");
        send(mention);

        ConsumerRecord<String, String> record = awaitRecord(Topics.MENTION_SCORED, r -> mention.id().equals(r.key()));

        assertThat(record.partition()).isEqualTo(partitionOf(mention.id()));
        JsonNode scored = json.readTree(record.value());
        assertThat(scored.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(scored.get("mention").get("id").asString()).isEqualTo(mention.id());
        assertThat(scored.get("language").asString()).isEqualTo("fr");
        assertThat(scored.get("sentiment").get("label").asString()).isEqualTo("positive");
        assertThat(scored.get("scoredAt").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void aHugePostIsScoredAndIndexedCutToTheTextLimit() throws Exception {
        String watch = newWatchId("huge");
        // Just under Kafka's default 1 MB record limit: the largest post that can reach the service unchanged.
        String text = "Service client injoignable depuis des semaines, c'est une honte. ".repeat(14_000);
        MentionIngested mention = mention(watch, UUID.randomUUID().toString(), text, "fr");
        send(mention);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(searchWatch(watch))).contains(mention.id()));

        JsonNode hit = hitWithId(searchWatch(watch), mention.id());
        assertThat(hit.get("text").asString()).hasSize(20_000);
        assertThat(hit.get("sentiment").get("label").asString()).isEqualTo("negative");
    }

    private static JsonNode hitWithId(JsonNode result, String id) {
        for (JsonNode hit : result.get("hits")) {
            if (hit.get("id").asString().equals(id)) {
                return hit;
            }
        }
        throw new AssertionError("no hit with id " + id + " in " + result);
    }

    private static MentionIngested withId(MentionIngested m, String id) {
        return new MentionIngested(m.schemaVersion(), id, m.watchIds(), m.source(), m.url(), m.author(), m.title(),
                m.text(), m.language(), m.publishedAt(), m.fetchedAt(), m.engagement(), m.rating());
    }
}
