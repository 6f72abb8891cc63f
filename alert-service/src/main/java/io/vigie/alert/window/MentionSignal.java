package io.vigie.alert.window;

import io.vigie.contracts.AlertMention;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.SentimentLabel;

/**
 * What the detectors need of a scored mention; the repartition by watch carries this instead of the whole text.
 * Fields added after the first version are null or 0 in records written by an older instance.
 *
 * @param mentionId   the mention's stable id
 * @param label       its sentiment label; null when it was not scored
 * @param score       its polarity in [-1, 1]; null when unsupported
 * @param fingerprint near-duplicate fingerprint of its text; null when unknown (the mention counts as its own story)
 * @param source      source type, e.g. {@code reddit}; null when unknown
 * @param language    detected (else declared) language; null when unknown
 * @param reach       the author's followers or karma, whichever is larger; null when the source does not tell
 * @param url         link to the original post; may be null
 * @param title       its title or first words, short enough to show in a notification; may be null
 * @param crisisHits  how many crisis terms (service-wide and the watch's own) the text contains
 */
public record MentionSignal(String mentionId, SentimentLabel label, Double score, String fingerprint, String source,
                            String language, Long reach, String url, String title, int crisisHits) {

    static final int TITLE_LENGTH = 120;

    public MentionSignal(String mentionId, SentimentLabel label, Double score) {
        this(mentionId, label, score, null, null, null, null, null, null, 0);
    }

    public static MentionSignal of(MentionScored scored) {
        return of(scored, 0);
    }

    /** @param crisisHits crisis terms found in the mention's text for the watch this signal is counted for */
    public static MentionSignal of(MentionScored scored, int crisisHits) {
        var sentiment = scored.sentiment();
        MentionIngested mention = scored.mention();
        return new MentionSignal(mention.id(),
                sentiment == null ? null : sentiment.label(),
                sentiment == null ? null : sentiment.score(),
                mention.fingerprint(),
                mention.source() == null ? null : mention.source().type(),
                scored.language() != null && !"other".equals(scored.language()) ? scored.language() : mention.language(),
                reach(mention),
                mention.url(),
                shortTitle(mention),
                crisisHits);
    }

    /** The same signal for a watch whose own crisis terms found more hits. */
    public MentionSignal withCrisisHits(int hits) {
        return hits == crisisHits ? this
                : new MentionSignal(mentionId, label, score, fingerprint, source, language, reach, url, title, hits);
    }

    public boolean negative() {
        return label == SentimentLabel.NEGATIVE;
    }

    /** Whether the mention was given a polarity (its language is scored). */
    public boolean rated() {
        return label != null && label != SentimentLabel.UNSUPPORTED;
    }

    AlertMention toAlertMention() {
        return new AlertMention(mentionId, url, title, source, language, label, reach);
    }

    private static Long reach(MentionIngested mention) {
        if (mention.author() == null) {
            return null;
        }
        Long followers = mention.author().followers();
        Long karma = mention.author().karma();
        if (followers == null) {
            return karma;
        }
        return karma == null ? followers : Math.max(followers, karma);
    }

    private static String shortTitle(MentionIngested mention) {
        String text = mention.title() != null && !mention.title().isBlank() ? mention.title() : mention.text();
        if (text == null) {
            return null;
        }
        String flat = collapsedPrefix(text, TITLE_LENGTH + 1);
        return flat.length() <= TITLE_LENGTH ? flat : flat.substring(0, TITLE_LENGTH - 1) + '…';
    }

    /**
     * The text with surrounding whitespace dropped and each run of whitespace inside made one space, cut after
     * {@code limit} characters: only the start of a long post is read (a post can be megabytes long).
     */
    static String collapsedPrefix(String text, int limit) {
        StringBuilder flat = new StringBuilder(Math.min(limit, text.length()));
        boolean pendingSpace = false;
        for (int i = 0; i < text.length() && flat.length() < limit; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                pendingSpace = flat.length() > 0;
            } else {
                if (pendingSpace) {
                    flat.append(' ');
                    pendingSpace = false;
                }
                flat.append(c);
            }
        }
        return flat.length() > limit ? flat.substring(0, limit) : flat.toString();
    }
}
