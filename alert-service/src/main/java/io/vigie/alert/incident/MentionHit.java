package io.vigie.alert.incident;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigie.contracts.AlertMention;
import io.vigie.contracts.Author;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;

import java.time.Instant;

/**
 * The fields of a {@code vigie-mentions} document (written by sentiment-service, see its {@code MentionDocument})
 * that explain an incident. The text sits in {@code text_fr}, {@code text_en} or {@code text} depending on its
 * language; an analyst's label ({@code humanSentiment}) wins over the model's.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record MentionHit(String id, MentionSource source, String url, Author author, String title,
                  @JsonProperty("title_fr") String titleFr, @JsonProperty("title_en") String titleEn, String text,
                  @JsonProperty("text_fr") String textFr, @JsonProperty("text_en") String textEn, String language,
                  Instant publishedAt, Sentiment sentiment, HumanLabel humanSentiment) {

    /** The {@code _source} fields read, so the search does not carry whole documents. */
    static final java.util.List<String> FIELDS = java.util.List.of("id", "source", "url", "author", "title", "title_fr",
            "title_en", "text", "text_fr", "text_en", "language", "publishedAt", "sentiment.label",
            "humanSentiment.label");

    /** The fields the significant terms need. */
    static final java.util.List<String> TEXT_FIELDS = java.util.List.of("title", "title_fr", "title_en", "text",
            "text_fr", "text_en");

    private static final int TITLE_CHARS = 140;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HumanLabel(SentimentLabel label) {
    }

    SentimentLabel label() {
        if (humanSentiment != null && humanSentiment.label() != null) {
            return humanSentiment.label();
        }
        return sentiment == null ? null : sentiment.label();
    }

    /** Followers, else karma, else zero: what the source tells of the author's audience. */
    long reach() {
        if (author == null) {
            return 0;
        }
        long followers = author.followers() == null ? 0 : author.followers();
        long karma = author.karma() == null ? 0 : author.karma();
        return Math.max(followers, karma);
    }

    String anyText() {
        return textFr != null ? textFr : textEn != null ? textEn : text;
    }

    String anyTitle() {
        return titleFr != null ? titleFr : titleEn != null ? titleEn : title;
    }

    /** Title and text together, for the term statistics. */
    String fullText() {
        String t = anyTitle();
        String body = anyText();
        return t == null ? body : body == null ? t : t + "\n" + body;
    }

    AlertMention toAlertMention() {
        String headline = anyTitle();
        if (headline == null || headline.isBlank()) {
            String body = anyText();
            headline = body == null || body.length() <= TITLE_CHARS ? body : body.substring(0, TITLE_CHARS - 1) + "…";
        }
        Long knownReach = author == null || author.followers() == null && author.karma() == null ? null : reach();
        return new AlertMention(id, url, headline, source == null ? null : source.type(), language, label(), knownReach);
    }
}
