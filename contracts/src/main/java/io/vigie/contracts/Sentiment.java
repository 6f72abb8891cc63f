package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Sentiment of a mention as scored by a model.
 *
 * @param label        negative, neutral, positive, or unsupported for a language Vigie does not score
 * @param score        polarity in [-1, 1]; null when unsupported
 * @param confidence   model confidence in [0, 1]; null when unsupported
 * @param modelVersion the model that produced it, so scores can be compared or recomputed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Sentiment(SentimentLabel label, Double score, Double confidence, String modelVersion) {
}
