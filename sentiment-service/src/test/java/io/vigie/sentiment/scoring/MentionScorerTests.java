package io.vigie.sentiment.scoring;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.SentimentLabel;
import io.vigie.sentiment.language.StopwordLanguageDetector;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MentionScorerTests {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private final List<MentionIngested> truncated = new ArrayList<>();
    private final MentionScorer scorer = new MentionScorer(new StopwordLanguageDetector(),
            LexiconSentimentModel.withBundledLexicons(), 20_000, Clock.fixed(NOW, ZoneOffset.UTC), truncated::add);

    @Test
    void scoresAMentionWithItsLanguageAndSentiment() {
        MentionScored scored = scorer.score(mention("Service client injoignable, c'est une honte.", null));
        assertThat(scored.language()).isEqualTo("fr");
        assertThat(scored.languageConfidence()).isBetween(0.5, 1.0);
        assertThat(scored.sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(scored.sentiment().modelVersion()).isEqualTo("lexicon-0.1");
        assertThat(scored.scoredAt()).isEqualTo(NOW);
        assertThat(scored.mention().id()).isEqualTo("m-1");
        assertThat(truncated).isEmpty();
    }

    @Test
    void aTenMegabytePostIsCutScoredAndCounted() {
        String huge = "Le service est vraiment excellent et rapide. ".repeat(10 * 1024 * 1024 / 45);
        MentionScored scored = scorer.score(mention(huge, "fr"));
        assertThat(scored.mention().text()).hasSize(20_000);
        assertThat(scored.sentiment().label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(truncated).extracting(MentionIngested::id).containsExactly("m-1");
    }

    @Test
    void cuttingNeverSplitsAnEmojiInHalf() {
        String text = "a".repeat(19_999) + "😡 and more";
        MentionScored scored = scorer.score(mention(text, "en"));
        assertThat(scored.mention().text()).hasSize(19_999).doesNotContain("\uD83D");
    }

    @Test
    void aShortTextTakesTheSourcesDeclaredLanguage() {
        MentionScored scored = scorer.score(mention("Nuvelia 👍", "en"));
        assertThat(scored.language()).isEqualTo("en");
        assertThat(scored.sentiment().label()).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void otherLanguagesAreUnsupported() {
        MentionScored scored = scorer.score(mention("Der Kundendienst von Nuvelia ist nicht erreichbar und die Rechnung ist falsch.", null));
        assertThat(scored.language()).isEqualTo("other");
        assertThat(scored.sentiment().label()).isEqualTo(SentimentLabel.UNSUPPORTED);
        assertThat(scored.sentiment().score()).isNull();
    }

    @Test
    void aMentionWithoutTextIsScoredOnItsTitle() {
        MentionIngested mention = new MentionIngested(1, "m-2", List.of("nuvelia"), new MentionSource("rss", "news"),
                "https://example.org/2", null, "Nuvelia : une panne géante, les clients furieux", null, "fr", NOW, NOW, null, null);
        assertThat(scorer.score(mention).sentiment().label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void aMentionWithoutIdIsRefusedSoItGoesToTheDeadLetterTopic() {
        MentionIngested mention = new MentionIngested(1, null, List.of(), null, null, null, null, "text", null, NOW, NOW, null, null);
        assertThatThrownBy(() -> scorer.score(mention)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no id");
    }

    private static MentionIngested mention(String text, String language) {
        return new MentionIngested(1, "m-1", List.of("nuvelia"), new MentionSource("demo", "Forum Conso"),
                "https://example.org/1", null, null, text, language, NOW, NOW, null, null);
    }
}
