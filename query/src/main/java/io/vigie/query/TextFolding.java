package io.vigie.query;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place where text becomes searchable words, shared by the parser (query words) and the matcher (document
 * words) so that both sides always agree: canonical decomposition with diacritics dropped, lower case, a few ligatures
 * spelt out ({@code œ} = {@code oe}), split on anything that is not a letter or a digit, and French elisions removed
 * ({@code l'entreprise} = {@code entreprise}).
 */
public final class TextFolding {

    private static final String[] NO_TOKENS = new String[0];

    /** Elided French articles and pronouns, dropped when an apostrophe and a letter follow them. */
    private static final Set<String> ELISIONS =
            Set.of("l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu");

    /** Folded form of every char below this bound, computed once: the hot path never calls the Normalizer. */
    private static final int TABLE_SIZE = 0x250;

    /** {@code null} for a separator, "" for a char to drop silently (a combining mark), else the folded letters. */
    private static final String[] TABLE = new String[TABLE_SIZE];

    static {
        for (int c = 0; c < TABLE_SIZE; c++) {
            TABLE[c] = foldSlow(c);
        }
    }

    private TextFolding() {
    }

    /** The folded words of {@code text}, in order; empty for null or blank text. */
    public static String[] tokens(String text) {
        if (text == null || text.isEmpty()) {
            return NO_TOKENS;
        }
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder(16);
        int length = text.length();
        int i = 0;
        while (i < length) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            String folded;
            if (cp < 0x80) {
                folded = null;
                if (cp >= 'a' && cp <= 'z' || cp >= '0' && cp <= '9') {
                    word.append((char) cp);
                    i += width;
                    continue;
                }
                if (cp >= 'A' && cp <= 'Z') {
                    word.append((char) (cp + ('a' - 'A')));
                    i += width;
                    continue;
                }
            } else {
                folded = cp < TABLE_SIZE ? TABLE[cp] : foldSlow(cp);
            }
            if (folded != null) {
                word.append(folded);
            } else {
                endWord(out, word, isApostrophe(cp) && i + width < length
                        && Character.isLetter(text.codePointAt(i + width)));
            }
            i += width;
        }
        endWord(out, word, false);
        return out.toArray(NO_TOKENS);
    }

    /**
     * A value compared as a whole (a language code): lower case and without diacritics, but not split into words.
     */
    public static String foldKeyword(String value) {
        if (value == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(value.strip(), Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK
                    && type != Character.ENCLOSING_MARK) {
                out.appendCodePoint(Character.toLowerCase(cp));
            }
        });
        return out.toString();
    }

    private static void endWord(List<String> out, StringBuilder word, boolean elisionPossible) {
        if (word.length() == 0) {
            return;
        }
        String token = word.toString();
        word.setLength(0);
        if (elisionPossible && ELISIONS.contains(token)) {
            return;
        }
        out.add(token);
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '\u2019' || cp == '\u02BC';
    }

    private static String foldSlow(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK) {
            // A combining accent typed in decomposed form belongs to the word before it: drop it, don't split.
            return "";
        }
        if (!Character.isLetterOrDigit(cp)) {
            return null;
        }
        int lower = Character.toLowerCase(cp);
        switch (lower) {
            case 'œ': return "oe";
            case 'æ': return "ae";
            case 'ß': return "ss";
            case 'ø': return "o";
            case 'đ', 'ð': return "d";
            case 'ł': return "l";
            case 'þ': return "th";
            case 'ı': return "i";
            default: break;
        }
        String decomposed = Normalizer.normalize(new String(Character.toChars(lower)), Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(2);
        decomposed.codePoints().forEach(part -> {
            if (part == lower) {
                out.appendCodePoint(part);
            } else if (Character.isLetterOrDigit(part)) {
                // A compatibility form (ᴭ, ﬁ, ①) decomposes to letters that may fold further: fold them too, so that
                // folding folded text changes nothing.
                out.append(foldSlow(part));
            }
        });
        return out.toString();
    }
}
