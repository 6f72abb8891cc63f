package io.vigie.sentiment.scoring;

import io.vigie.contracts.Sentiment;

/** Scores the polarity of a text in a known language; a seam for a learned model later. */
public interface SentimentModel {

    /**
     * @param text     the text to score, already cut to a bounded length
     * @param language {@code fr}, {@code en} or {@code other}
     * @return the sentiment; {@code unsupported} with null score for a language the model does not handle
     */
    Sentiment score(String text, String language);

    /** Identifies the model in every score it produces, so scores can be compared or recomputed. */
    String version();
}
