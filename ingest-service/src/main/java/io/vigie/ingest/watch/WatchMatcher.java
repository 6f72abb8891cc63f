package io.vigie.ingest.watch;

import org.springframework.stereotype.Component;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides which watches an item belongs to. Keywords match whole words, ignoring case and accents:
 * {@code "nuvelia"} matches "Nuvelia's", "#Nuvelia" and "@nuvelia_fr" but not "nuveliaenergie", so a short brand
 * name does not fire inside unrelated words.
 */
@Component
public class WatchMatcher {

    private final List<CompiledWatch> watches;

    public WatchMatcher(WatchRepository repository) {
        this.watches = repository.all().stream().map(CompiledWatch::of).toList();
    }

    /**
     * @param title    may be null
     * @param text     may be null
     * @param language ISO 639-1 code declared by the source, or null when unknown (then language limits don't apply)
     * @return ids of every watch the item matches, in configuration order
     */
    public List<String> matchingWatchIds(String title, String text, String language) {
        String words = words((title == null ? "" : title) + " " + (text == null ? "" : text));
        List<String> ids = new ArrayList<>();
        for (CompiledWatch watch : watches) {
            if (watch.accepts(language) && watch.phrases().stream().anyMatch(words::contains)) {
                ids.add(watch.id());
            }
        }
        return ids;
    }

    /**
     * Lower-case letters and digits without accents, words separated by one space, with a space at both ends so a
     * phrase can be looked up as {@code " word1 word2 "}.
     */
    static String words(String value) {
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFKD);
        StringBuilder words = new StringBuilder(decomposed.length() + 2).append(' ');
        boolean afterSpace = true;
        for (int i = 0; i < decomposed.length(); ) {
            int codePoint = decomposed.codePointAt(i);
            i += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(codePoint)) {
                words.append(new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT));
                afterSpace = false;
            } else if (!afterSpace) {
                words.append(' ');
                afterSpace = true;
            }
        }
        if (!afterSpace) {
            words.append(' ');
        }
        return words.toString();
    }

    private record CompiledWatch(String id, List<String> phrases, List<String> languages) {

        static CompiledWatch of(Watch watch) {
            List<String> phrases = watch.keywords().stream()
                    .filter(keyword -> keyword != null && !keyword.isBlank())
                    .map(WatchMatcher::words)
                    .filter(phrase -> !phrase.isBlank())
                    .toList();
            List<String> languages = watch.languages().stream().map(code -> code.toLowerCase(Locale.ROOT)).toList();
            return new CompiledWatch(watch.id(), phrases, languages);
        }

        boolean accepts(String language) {
            return languages.isEmpty() || language == null || languages.contains(language.toLowerCase(Locale.ROOT));
        }
    }
}
