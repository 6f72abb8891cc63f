package io.vigie.sentiment.index;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigie.contracts.Author;
import io.vigie.contracts.Engagement;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Rating;
import io.vigie.contracts.Sentiment;
import io.vigie.sentiment.correction.HumanSentiment;
import io.vigie.sentiment.language.DetectedLanguage;

import java.time.Instant;
import java.util.List;

/**
 * A mention as stored in the {@code vigie-mentions} index. Its text and title go to the field analysed for its
 * language ({@code text_fr} with the French analyser, {@code text_en} with the English one, {@code text} otherwise),
 * so that a search for "entreprise" finds "l'entreprise" and "bill" finds "billing", without storing the text twice.
 *
 * <p>The indexer writes it as a partial update ({@link MentionIndexer}): the fields it scores are written even when
 * null, so a re-scored mention clears what no longer applies (its text moving from {@code text_fr} to {@code text_en}),
 * while {@code humanSentiment}, the analyst's label, is left out when null and so survives re-indexing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionDocument(
        String id,
        List<String> watchIds,
        MentionSource source,
        String url,
        Author author,
        String title,
        @JsonProperty("title_fr") String titleFr,
        @JsonProperty("title_en") String titleEn,
        String text,
        @JsonProperty("text_fr") String textFr,
        @JsonProperty("text_en") String textEn,
        String language,
        Double languageConfidence,
        String declaredLanguage,
        Instant publishedAt,
        Instant fetchedAt,
        Instant scoredAt,
        Engagement engagement,
        Rating rating,
        Sentiment sentiment,
        @JsonInclude(JsonInclude.Include.NON_NULL) HumanSentiment humanSentiment) {

    /** Text fields searched and highlighted, one per analysed language. */
    public static final List<String> TEXT_FIELDS = List.of("text_fr", "text_en", "text", "title_fr", "title_en", "title");

    public static MentionDocument from(MentionScored scored) {
        MentionIngested mention = scored.mention();
        String language = scored.language();
        boolean french = DetectedLanguage.FRENCH.equals(language);
        boolean english = DetectedLanguage.ENGLISH.equals(language);
        return new MentionDocument(
                mention.id(), mention.watchIds(), mention.source(), mention.url(), mention.author(),
                french || english ? null : mention.title(), french ? mention.title() : null, english ? mention.title() : null,
                french || english ? null : mention.text(), french ? mention.text() : null, english ? mention.text() : null,
                language, scored.languageConfidence(), mention.language(),
                mention.publishedAt(), mention.fetchedAt(), scored.scoredAt(),
                mention.engagement(), mention.rating(), scored.sentiment(), null);
    }

    /** The mention's text, whichever language field holds it. */
    public String anyText() {
        return textFr != null ? textFr : textEn != null ? textEn : text;
    }

    /** The mention's title, whichever language field holds it. */
    public String anyTitle() {
        return titleFr != null ? titleFr : titleEn != null ? titleEn : title;
    }
}
