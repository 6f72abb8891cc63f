package io.vigie.sentiment.index;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MentionDocumentTests {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void putsTextInTheFieldAnalysedForItsLanguage() {
        MentionDocument french = MentionDocument.from(scored("fr"));
        assertThat(french.textFr()).isEqualTo("texte");
        assertThat(french.titleFr()).isEqualTo("titre");
        assertThat(french.textEn()).isNull();
        assertThat(french.text()).isNull();
        assertThat(french.anyText()).isEqualTo("texte");

        assertThat(MentionDocument.from(scored("en")).textEn()).isEqualTo("texte");
        MentionDocument other = MentionDocument.from(scored("other"));
        assertThat(other.text()).isEqualTo("texte");
        assertThat(other.anyTitle()).isEqualTo("titre");
    }

    @Test
    void keepsTheDeclaredLanguageBesideTheDetectedOne() {
        MentionDocument document = MentionDocument.from(scored("en"));
        assertThat(document.language()).isEqualTo("en");
        assertThat(document.declaredLanguage()).isEqualTo("fr");
    }

    private static MentionScored scored(String language) {
        MentionIngested mention = new MentionIngested(1, "id-1", List.of("w"), new MentionSource("demo", "x"),
                "https://example.org", null, "titre", "texte", "fr", NOW, NOW, null, null);
        return new MentionScored(1, mention, language, 0.9, new Sentiment(SentimentLabel.NEUTRAL, 0.0, 0.5, "lexicon-0.1"), NOW);
    }
}
