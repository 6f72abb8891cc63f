package io.vigie.sentiment.correction;

import io.vigie.sentiment.index.MentionDocument;

import java.time.Instant;

/**
 * One line of the corrections export. {@code text}, {@code lang} and {@code label} are what the training command reads
 * (the format of the labelled sets); {@code id}, {@code by} and {@code at} let a team audit or filter them first.
 * The text is the one the model scores: the mention's text, or its title when it has no text.
 */
public record CorrectionExample(String id, String text, String lang, String label, String by, Instant at) {

    /** The example a corrected mention gives, or null when it has neither text nor title to learn from. */
    static CorrectionExample of(MentionDocument document) {
        if (document == null || document.humanSentiment() == null) {
            return null;
        }
        String text = document.anyText() == null || document.anyText().isBlank() ? document.anyTitle() : document.anyText();
        if (text == null || text.isBlank()) {
            return null;
        }
        HumanSentiment human = document.humanSentiment();
        return new CorrectionExample(document.id(), text, document.language(), human.label(), human.by(), human.at());
    }
}
