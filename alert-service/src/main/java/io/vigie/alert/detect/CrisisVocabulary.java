package io.vigie.alert.detect;

import java.text.Normalizer;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Crisis terms (boycott, scandale, data breach, ...) found in a text: case- and accent-insensitive, on whole words,
 * so that "recall" does not match "recalled" and "plainte" matches "Plainte".
 */
public class CrisisVocabulary {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

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

    private static String normalise(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return NON_WORD.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
