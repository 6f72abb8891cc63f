package io.vigie.ingest.source;

import org.jsoup.Jsoup;

/** Turns what sources send (HTML, text with stray control characters) into the plain text mentions carry. */
public final class PlainText {

    private PlainText() {
    }

    /** Text content of an HTML fragment, entities decoded, whitespace collapsed; null stays null. */
    public static String fromHtml(String html) {
        if (html == null) {
            return null;
        }
        return collapseWhitespace(Jsoup.parseBodyFragment(html).text());
    }

    /** Whitespace collapsed (no-break spaces included); null stays null. */
    public static String collapseWhitespace(String text) {
        if (text == null) {
            return null;
        }
        return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    /**
     * Removes characters that XML 1.0 cannot carry: control characters other than tab and line breaks,
     * U+FFFE/U+FFFF and unpaired surrogates.
     */
    public static String withoutInvalidCharacters(String text) {
        if (text == null || countInvalidCharacters(text) == 0) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int length = Character.charCount(codePoint);
            if (isValid(codePoint)) {
                clean.appendCodePoint(codePoint);
            }
            i += length;
        }
        return clean.toString();
    }

    /** How many characters {@link #withoutInvalidCharacters} would remove. */
    public static int countInvalidCharacters(String text) {
        int invalid = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (!isValid(codePoint)) {
                invalid++;
            }
            i += Character.charCount(codePoint);
        }
        return invalid;
    }

    /** At most {@code maxLength} characters, never cutting a surrogate pair in half. */
    public static String truncate(String text, int maxLength) {
        if (text == null || text.length() <= maxLength) {
            return text;
        }
        int end = maxLength;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static boolean isValid(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD
                || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD)
                || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }
}
