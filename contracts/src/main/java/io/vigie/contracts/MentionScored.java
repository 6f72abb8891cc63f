package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A mention with its detected language and sentiment. Carries the whole mention so that consumers
 * (indexer, alert detectors) need nothing else.
 *
 * @param schemaVersion      version of this event's schema ({@link #SCHEMA_VERSION})
 * @param mention            the mention as ingested
 * @param language           detected language: {@code fr}, {@code en}, or {@code other}
 * @param languageConfidence confidence of the language detection in [0, 1]
 * @param sentiment          the model's sentiment
 * @param scoredAt           when it was scored
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionScored(
        int schemaVersion,
        MentionIngested mention,
        String language,
        double languageConfidence,
        Sentiment sentiment,
        Instant scoredAt) {

    public static final int SCHEMA_VERSION = 1;
}
