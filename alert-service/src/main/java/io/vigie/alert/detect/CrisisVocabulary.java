package io.vigie.alert.detect;

import java.text.Normalizer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Crisis terms (boycott, scandale, data breach, ...) found in a text: case- and accent-insensitive, on whole words,
 * so that "recall" does not match "recalled" and "plainte" matches "Plainte".
 */
public class CrisisVocabulary {

    private final List<String> terms;

    public CrisisVocabulary(Collection<String> terms) {
        this.terms = normalisedTerms(terms.stream());
    }

    /** How many distinct terms of this vocabulary and of {@code extraTerms} the text contains. */
    public int hits(String text, Collection<String> extraTerms) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String padded = ' ' + normalise(text) + ' ';
        if (extraTerms.isEmpty()) {
            return (int) terms.stream().filter(padded::contains).count();
        }
        List<String> extra = normalisedTerms(extraTerms.stream());
        return (int) Stream.concat(terms.stream(), extra.stream()).distinct().filter(padded::contains).count();
    }

    /** Normalised and padded with a space each side, so that a term matches whole words only. */
    private static List<String> normalisedTerms(Stream<String> terms) {
        return terms.filter(term -> term != null && !term.isBlank()).map(term -> ' ' + normalise(term) + ' ')
                .distinct().toList();
    }

    /** Characters below this are mapped through {@link #LATIN}; any other sends the text to the full path. */
    private static final int LATIN_LIMIT = 0x250;
    /** What a character maps to when it is neither a letter nor a number: a gap between words (compared by identity). */
    private static final String GAP = new String(" ");
    /**
     * Each Latin-1 and Latin Extended character's normalised letters (decomposed, marks dropped, lower case), or
     * {@link #GAP}, or null if it mixed letters and non-letters (none does in this range with Java 17's Unicode data;
     * the full path would then decide). These characters decompose alone and none is a combining mark, so mapping
     * them one at a time gives what the full path gives for the whole text.
     */
    private static final String[] LATIN = latinTable();

    /**
     * Accents dropped (decomposed, marks removed), lower case, every run of characters that are neither letters nor
     * digits made one space, none at the ends. Text in Latin scripts (nearly every mention) goes through a table, one
     * pass without allocating; other text takes {@link #normaliseFully}: this runs on every mention's whole text and
     * the full path was a sixteenth of the stream threads' time (JFR, live bench).
     */
    static String normalise(String text) {
        StringBuilder words = new StringBuilder(text.length());
        boolean gap = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String mapped;
            if (c < 0x80) {
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    mapped = null;
                } else if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                    mapped = null;
                } else {
                    gap = true;
                    continue;
                }
            } else {
                mapped = c < LATIN_LIMIT ? LATIN[c] : null;
                if (mapped == null) {
                    return normaliseFully(text);
                }
                if (mapped == GAP) {
                    gap = true;
                    continue;
                }
            }
            if (gap && !words.isEmpty()) {
                words.append(' ');
            }
            gap = false;
            if (mapped == null) {
                words.append(c);
            } else {
                words.append(mapped);
            }
        }
        return words.toString();
    }

    private static String[] latinTable() {
        String[] table = new String[LATIN_LIMIT];
        for (char c = 0x80; c < LATIN_LIMIT; c++) {
            String lower = withoutMarks(String.valueOf(c)).toLowerCase(Locale.ROOT);
            boolean letters = lower.codePoints().allMatch(CrisisVocabulary::isLetterOrNumber);
            boolean noLetters = lower.codePoints().noneMatch(CrisisVocabulary::isLetterOrNumber);
            table[c] = noLetters ? GAP : letters ? lower : null;
        }
        return table;
    }

    /** The general path, for any text: what {@link #normalise} gives, one step after the other. */
    static String normaliseFully(String text) {
        String lower = withoutMarks(text).toLowerCase(Locale.ROOT);
        StringBuilder words = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            if (isLetterOrNumber(c)) {
                if (gap && !words.isEmpty()) {
                    words.append(' ');
                }
                gap = false;
                words.appendCodePoint(c);
            } else {
                gap = true;
            }
        }
        return words.toString();
    }

    private static String withoutMarks(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder plain = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            if (!isMark(c)) {
                plain.appendCodePoint(c);
            }
        }
        return plain.toString();
    }

    /** {@code \p{M}}. */
    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /** {@code [\p{L}\p{N}]}. */
    private static boolean isLetterOrNumber(int c) {
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
