package io.vigie.ingest.fingerprint;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Near-duplicate fingerprint of a text: a 64-bit SimHash over its words, after folding case and accents, so that
 * forty copies of one wire story (same body, another ending or a site's boilerplate) land within a few bits of
 * each other while unrelated texts differ in about half of them. Downstream counts mentions whose fingerprints
 * are within {@link #NEAR_DUPLICATE_DISTANCE} bits as one story.
 *
 * <p>Features are the words (weighted by how often they occur) and the pairs of consecutive words: words alone
 * would make two texts with the same vocabulary in another order look identical, pairs alone would let a changed
 * ending weigh too much on short texts.
 */
public final class SimHash {

    /** Hamming distance at or under which two fingerprints are the same story. */
    public static final int NEAR_DUPLICATE_DISTANCE = 3;

    /** A word counts twice as much as a pair of words: the body's vocabulary outweighs a rewritten sentence. */
    private static final int WORD_WEIGHT = 2;

    private static final HexFormat HEX = HexFormat.of();

    private SimHash() {
    }

    /**
     * The fingerprint as 16 lower-case hex characters, or null when the text has no word to fingerprint (an
     * empty mention is not a duplicate of every other empty mention).
     */
    public static String fingerprint(String text) {
        if (text == null) {
            return null;
        }
        String[] words = words(text);
        if (words.length == 0) {
            return null;
        }
        Map<String, Integer> features = new HashMap<>();
        for (int i = 0; i < words.length; i++) {
            features.merge(words[i], WORD_WEIGHT, Integer::sum);
            if (i + 1 < words.length) {
                features.merge(words[i] + ' ' + words[i + 1], 1, Integer::sum);
            }
        }
        int[] weights = new int[64];
        for (Map.Entry<String, Integer> feature : features.entrySet()) {
            long hash = hash(feature.getKey());
            int weight = feature.getValue();
            for (int bit = 0; bit < 64; bit++) {
                weights[bit] += ((hash >>> bit) & 1L) == 1L ? weight : -weight;
            }
        }
        long simHash = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (weights[bit] > 0) {
                simHash |= 1L << bit;
            }
        }
        return HEX.toHexDigits(simHash);
    }

    /** Number of bits in which two fingerprints (as {@link #fingerprint} writes them) differ. */
    public static int distance(String fingerprint, String other) {
        return Long.bitCount(HexFormat.fromHexDigitsToLong(fingerprint) ^ HexFormat.fromHexDigitsToLong(other));
    }

    /** Lower-case words of letters and digits, accents removed ({@code "Déçu !"} gives {@code ["decu"]}). */
    static String[] words(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int codePoint = decomposed.codePointAt(i);
            i += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            folded.appendCodePoint(Character.isLetterOrDigit(codePoint) ? Character.toLowerCase(codePoint) : ' ');
        }
        String trimmed = folded.toString().strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.toLowerCase(Locale.ROOT).split(" +");
    }

    /** FNV-1a over the UTF-16 units, then the MurmurHash3 finaliser so that every bit depends on every input bit. */
    private static long hash(String feature) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < feature.length(); i++) {
            hash ^= feature.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash;
    }
}
