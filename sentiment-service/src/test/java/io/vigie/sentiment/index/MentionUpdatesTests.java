package io.vigie.sentiment.index;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;
import io.vigie.sentiment.correction.HumanSentiment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the partial updates send: they must clear what no longer applies and leave the analyst's label alone. */
class MentionUpdatesTests {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final MentionUpdates updates = new MentionUpdates(null);

    @Test
    void theIndexerWritesEveryScoredFieldEvenNullButNeverTheAnalystsLabel() {
        MentionIngested mention = new MentionIngested(1, "id-1", List.of("w"), new MentionSource("demo", "x"),
                "https://example.org", null, null, "hello there", "en", NOW, NOW, null, null);
        MentionScored scored = new MentionScored(1, mention, "other", 0.4,
                new Sentiment(SentimentLabel.UNSUPPORTED, null, null, "lexicon-0.1"), NOW);

        String json = updates.toJson(MentionDocument.from(scored));

        // Re-scored as "other": the text must leave text_en, and the old score must not survive the merge.
        assertThat(json).contains("\"text\":\"hello there\"", "\"text_en\":null", "\"text_fr\":null",
                "\"score\":null", "\"confidence\":null", "\"publishedAt\":\"2026-11-26T10:00:00Z\"");
        assertThat(json).doesNotContain("humanSentiment");
    }

    @Test
    void aCorrectionReplacesThePreviousOneWhole() {
        String json = updates.toJson(new HumanSentiment("neutral", "anonymous", NOW, null));
        assertThat(json).isEqualTo("{\"label\":\"neutral\",\"by\":\"anonymous\",\"at\":\"2026-11-26T10:00:00Z\",\"note\":null}");
    }
}
