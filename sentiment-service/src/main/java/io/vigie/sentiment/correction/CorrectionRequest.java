package io.vigie.sentiment.correction;

import io.vigie.contracts.SentimentLabel;

import java.time.Instant;
import java.util.Locale;

/**
 * A validated correction: what the analyst says and who they are. Parsed from raw values so that each mistake gets a
 * message naming it.
 */
public record CorrectionRequest(String label, String note, String user) {

    public static final String ANONYMOUS = "anonymous";
    static final int MAX_USER_LENGTH = 64;
    static final int MAX_NOTE_LENGTH = 1_000;

    /**
     * @param label      the body's {@code label}
     * @param note       the body's {@code note}, optional
     * @param userHeader the {@code X-Vigie-User} header, optional
     */
    public static CorrectionRequest parse(String label, String note, String userHeader) {
        return new CorrectionRequest(label(label), note(note), user(userHeader));
    }

    /** The stored form, stamped now. */
    public HumanSentiment at(Instant when) {
        return new HumanSentiment(label, user, when, note);
    }

    private static String label(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidCorrectionException("no label: send {\"label\": \"negative\"|\"neutral\"|\"positive\"}");
        }
        String lower = raw.strip().toLowerCase(Locale.ROOT);
        // "unsupported" is the model saying it cannot score a language; an analyst who can read it gives a polarity.
        for (SentimentLabel candidate : SentimentLabel.values()) {
            if (candidate != SentimentLabel.UNSUPPORTED && candidate.wireName().equals(lower)) {
                return lower;
            }
        }
        throw new InvalidCorrectionException("unknown label '" + raw + "': use negative, neutral or positive");
    }

    private static String note(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String note = raw.strip();
        if (note.length() > MAX_NOTE_LENGTH) {
            throw new InvalidCorrectionException("note is " + note.length() + " characters long; at most "
                    + MAX_NOTE_LENGTH + " are accepted");
        }
        boolean printable = note.codePoints().allMatch(c -> c == '\n' || c == '\t' || isPrintable(c));
        if (!printable) {
            throw new InvalidCorrectionException("note contains control or invisible characters; send plain text");
        }
        return note;
    }

    /** Who to credit: shown to other analysts and exported, so it must be short and plainly readable. */
    private static String user(String raw) {
        if (raw == null || raw.isBlank()) {
            return ANONYMOUS;
        }
        String user = raw.strip();
        if (user.length() > MAX_USER_LENGTH) {
            throw new InvalidCorrectionException("X-Vigie-User is " + user.length() + " characters long; at most "
                    + MAX_USER_LENGTH + " are accepted");
        }
        if (!user.codePoints().allMatch(CorrectionRequest::isPrintable)) {
            throw new InvalidCorrectionException("X-Vigie-User contains control or invisible characters; "
                    + "send a plain user name");
        }
        return user;
    }

    /** Visible characters and spaces; no controls, bidi overrides, zero-width or unassigned code points. */
    private static boolean isPrintable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
