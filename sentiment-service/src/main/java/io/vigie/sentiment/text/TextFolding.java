package io.vigie.sentiment.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Lower-casing and accent folding, so that "Déçu", "decu" and "DÉÇU" meet the same lexicon entry. */
public final class TextFolding {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private TextFolding() {
    }

    public static String fold(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (isAscii(lower)) {
            return lower;
        }
        String ligaturesOpened = lower.replace("œ", "oe").replace("æ", "ae").replace('’', '\'');
        return COMBINING_MARKS.matcher(Normalizer.normalize(ligaturesOpened, Normalizer.Form.NFD)).replaceAll("");
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
