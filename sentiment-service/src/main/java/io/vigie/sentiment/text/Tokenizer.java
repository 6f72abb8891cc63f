package io.vigie.sentiment.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits social-media text into words, symbols and clause boundaries, for both English and French.
 *
 * <p>URLs and @handles are dropped (they carry no language nor sentiment), hashtags keep their word, emoticons such as
 * {@code :-(} are kept whole, emoji become one symbol each, and French elisions are opened: {@code l'entreprise} gives
 * {@code le entreprise}, {@code n'aime} gives {@code ne aime}, so that negation and lexicon lookups see the real words.
 * English contractions ({@code don't}, {@code it's}) stay one token: their {@code n't} is what negation looks for.
 */
public final class Tokenizer {

    /** Elided French words and their full form; {@code qu'} and its compounds included. */
    private static final Map<String, String> ELISIONS = Map.ofEntries(
            Map.entry("l", "le"), Map.entry("j", "je"), Map.entry("c", "ce"), Map.entry("n", "ne"),
            Map.entry("d", "de"), Map.entry("m", "me"), Map.entry("t", "te"), Map.entry("s", "se"),
            Map.entry("qu", "que"), Map.entry("jusqu", "jusque"), Map.entry("lorsqu", "lorsque"),
            Map.entry("puisqu", "puisque"), Map.entry("quoiqu", "quoique"));

    private Tokenizer() {
    }

    public static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        for (String chunk : text.split("\\s+")) {
            if (chunk.isEmpty() || isUrl(chunk) || chunk.startsWith("@")) {
                continue;
            }
            if (isEmoticonCandidate(chunk)) {
                tokens.add(new Token(chunk, chunk.toLowerCase(Locale.ROOT), chunk.toLowerCase(Locale.ROOT), Token.Kind.SYMBOL));
                continue;
            }
            splitChunk(chunk, tokens);
        }
        return tokens;
    }

    private static void splitChunk(String chunk, List<Token> tokens) {
        int i = 0;
        int n = chunk.length();
        while (i < n) {
            int cp = chunk.codePointAt(i);
            int width = Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                int end = wordEnd(chunk, i);
                addWord(chunk.substring(i, end), tokens);
                i = end;
            } else if (isBoundary(cp)) {
                tokens.add(new Token(new String(Character.toChars(cp)), new String(Character.toChars(cp)),
                        new String(Character.toChars(cp)), Token.Kind.BOUNDARY));
                i += width;
            } else if (isEmoji(cp)) {
                String symbol = new String(Character.toChars(cp));
                tokens.add(new Token(symbol, symbol, symbol, Token.Kind.SYMBOL));
                i += width;
            } else {
                i += width;
            }
        }
    }

    /** A word runs over letters and digits, and over an apostrophe that has a letter on each side. */
    private static int wordEnd(String chunk, int start) {
        int i = start;
        int n = chunk.length();
        while (i < n) {
            int cp = chunk.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
            } else if (isApostrophe(cp) && i + 1 < n && Character.isLetter(chunk.codePointAt(i + 1)) && i > start) {
                i += 1;
            } else {
                break;
            }
        }
        return i;
    }

    private static void addWord(String word, List<Token> tokens) {
        String normalised = word.replace('’', '\'').replace('‘', '\'');
        int apostrophe = normalised.indexOf('\'');
        if (apostrophe > 0) {
            String prefix = normalised.substring(0, apostrophe).toLowerCase(Locale.ROOT);
            String full = ELISIONS.get(prefix);
            if (full != null) {
                tokens.add(new Token(normalised.substring(0, apostrophe + 1), full, full, Token.Kind.WORD));
                addWord(normalised.substring(apostrophe + 1), tokens);
                return;
            }
        }
        String lower = normalised.toLowerCase(Locale.ROOT);
        tokens.add(new Token(normalised, lower, TextFolding.fold(lower), Token.Kind.WORD));
    }

    private static boolean isUrl(String chunk) {
        String lower = chunk.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.")
                || lower.equals("http") || lower.equals("https");
    }

    /** Emoticons are short chunks made mostly of punctuation: {@code :)}, {@code :-(}, {@code <3}, {@code :D}. */
    private static boolean isEmoticonCandidate(String chunk) {
        if (chunk.length() < 2 || chunk.length() > 4) {
            return false;
        }
        int punctuation = 0;
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c > 0x7f) {
                return false;
            }
            if (!Character.isLetterOrDigit(c)) {
                punctuation++;
            }
        }
        // "ok." or "!!" are not emoticons; ":)" or ":-D" or "<3" are.
        return punctuation >= 1 && (chunk.charAt(0) == ':' || chunk.charAt(0) == ';' || chunk.charAt(0) == '<'
                || chunk.charAt(0) == '=');
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\'' || cp == '’' || cp == '‘';
    }

    private static boolean isBoundary(int cp) {
        return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' || cp == '…'
                || cp == '(' || cp == ')';
    }

    private static boolean isEmoji(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF);
    }
}
