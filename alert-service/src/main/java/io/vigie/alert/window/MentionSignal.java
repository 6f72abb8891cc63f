package io.vigie.alert.window;

import io.vigie.contracts.MentionScored;
import io.vigie.contracts.SentimentLabel;

/**
 * What the detectors need of a scored mention; the repartition by watch carries this instead of the whole text.
 *
 * @param mentionId the mention's stable id
 * @param label     its sentiment label; null when it was not scored
 * @param score     its polarity in [-1, 1]; null when unsupported
 */
public record MentionSignal(String mentionId, SentimentLabel label, Double score) {

    public static MentionSignal of(MentionScored scored) {
        var sentiment = scored.sentiment();
        return new MentionSignal(scored.mention().id(),
                sentiment == null ? null : sentiment.label(),
                sentiment == null ? null : sentiment.score());
    }

    public boolean negative() {
        return label == SentimentLabel.NEGATIVE;
    }

    /** Whether the mention was given a polarity (its language is scored). */
    public boolean rated() {
        return label != null && label != SentimentLabel.UNSUPPORTED;
    }
}
