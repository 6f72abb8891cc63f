package io.vigie.alert.incident;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits French and English text into the distinct words worth counting: lower-case, accents folded
 * ("prélevé" and "preleve" are one word), apostrophes split ("l'entreprise" gives "entreprise"), numbers, one- and
 * two-letter words, links and stopwords dropped.
 */
final class Tokenizer {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern LINKS = Pattern.compile("https?://\\S+|www\\.\\S+");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> STOPWORDS = load("stopwords.txt");
    private static final int MIN_LENGTH = 3;
    private static final int MAX_LENGTH = 40;

    private Tokenizer() {
    }

    /** The distinct words of a text, in order of first appearance. */
    static Set<String> distinctTerms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return terms;
        }
        String folded = fold(LINKS.matcher(text).replaceAll(" "));
        for (String token : NOT_A_WORD.split(folded)) {
            if (token.length() >= MIN_LENGTH && token.length() <= MAX_LENGTH && !isNumber(token)
                    && !STOPWORDS.contains(token)) {
                terms.add(token);
            }
        }
        return terms;
    }

    static boolean isStopword(String word) {
        return STOPWORDS.contains(fold(word));
    }

    static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT)
                .replace('œ', 'o').replace('æ', 'a');
    }

    private static boolean isNumber(String token) {
        return token.chars().allMatch(Character::isDigit);
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = Tokenizer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath next to "
                        + Tokenizer.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String content = comment >= 0 ? line.substring(0, comment) : line;
                for (String word : content.trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        words.add(fold(word));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
