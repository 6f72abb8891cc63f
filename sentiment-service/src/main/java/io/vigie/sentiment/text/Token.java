package io.vigie.sentiment.text;

/**
 * One unit of a mention's text.
 *
 * @param raw   as written (case kept, for shouting detection)
 * @param lower lower-cased
 * @param key   lower-cased and accent-folded: the form lexicons and word lists are looked up by
 * @param kind  what it is
 */
public record Token(String raw, String lower, String key, Kind kind) {

    public enum Kind {
        /** A word, or the full form of an elided article/pronoun ({@code l'} gives {@code le}). */
        WORD,
        /** An emoji or an emoticon candidate such as {@code :-)}. */
        SYMBOL,
        /** Sentence or clause punctuation: negation and boosters do not reach across it. */
        BOUNDARY
    }

    public boolean isWord() {
        return kind == Kind.WORD;
    }

    public boolean isBoundary() {
        return kind == Kind.BOUNDARY;
    }

    /** Written in capitals, e.g. {@code TERRIBLE}; single letters and digits do not count. */
    public boolean isShouted() {
        return kind == Kind.WORD && raw.length() > 1 && raw.equals(raw.toUpperCase(java.util.Locale.ROOT))
                && !raw.equals(lower);
    }
}
