package io.vigie.sentiment.scoring;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.Sentiment;
import io.vigie.sentiment.language.DetectedLanguage;
import io.vigie.sentiment.language.LanguageDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * Turns an ingested mention into a scored one: bounds its text, detects its language, scores its sentiment.
 * Plain Java (no Spring) so the benchmark and the batch scorer use exactly what the service runs.
 */
public final class MentionScorer {

    private static final Logger log = LoggerFactory.getLogger(MentionScorer.class);

    private final LanguageDetector languageDetector;
    private final SentimentModel sentimentModel;
    private final int maxTextChars;
    private final Clock clock;
    private final Consumer<MentionIngested> onTruncated;

    /**
     * @param maxTextChars longer texts are cut to this many characters before scoring and downstream, so that a
     *                     huge post costs no more than a long one
     * @param onTruncated  told about each mention whose text was cut (e.g. to count them)
     */
    public MentionScorer(LanguageDetector languageDetector, SentimentModel sentimentModel, int maxTextChars, Clock clock,
                         Consumer<MentionIngested> onTruncated) {
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("vigie.sentiment.max-text-chars must be positive, was " + maxTextChars);
        }
        this.languageDetector = languageDetector;
        this.sentimentModel = sentimentModel;
        this.maxTextChars = maxTextChars;
        this.clock = clock;
        this.onTruncated = onTruncated;
    }

    public MentionScored score(MentionIngested mention) {
        if (mention.id() == null || mention.id().isBlank()) {
            throw new IllegalArgumentException("mention has no id: it cannot be keyed nor indexed; fix the producer");
        }
        MentionIngested bounded = bounded(mention);
        String text = bounded.text() == null || bounded.text().isBlank() ? bounded.title() : bounded.text();
        String withTitle = bounded.title() == null || bounded.title().equals(text) ? text : bounded.title() + "\n" + text;
        DetectedLanguage language = languageDetector.detect(withTitle, bounded.language());
        Sentiment sentiment = sentimentModel.score(text == null ? "" : text, language.code());
        return new MentionScored(MentionScored.SCHEMA_VERSION, bounded, language.code(), language.confidence(), sentiment,
                clock.instant());
    }

    private MentionIngested bounded(MentionIngested mention) {
        boolean textTooLong = mention.text() != null && mention.text().length() > maxTextChars;
        boolean titleTooLong = mention.title() != null && mention.title().length() > maxTextChars;
        if (!textTooLong && !titleTooLong) {
            return mention;
        }
        log.warn("mention {} from {}: text of {} characters cut to {} (vigie.sentiment.max-text-chars)", mention.id(),
                mention.url(), mention.text() == null ? 0 : mention.text().length(), maxTextChars);
        onTruncated.accept(mention);
        return new MentionIngested(mention.schemaVersion(), mention.id(), mention.watchIds(), mention.source(),
                mention.url(), mention.author(), cut(mention.title()), cut(mention.text()), mention.language(),
                mention.publishedAt(), mention.fetchedAt(), mention.engagement(), mention.rating(), mention.fingerprint());
    }

    private String cut(String value) {
        if (value == null || value.length() <= maxTextChars) {
            return value;
        }
        int end = maxTextChars;
        // Never split a surrogate pair: half an emoji is not valid text downstream.
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }
}
