package io.vigie.sentiment.model;

import io.vigie.sentiment.scoring.LanguageRules;
import io.vigie.sentiment.text.Token;
import io.vigie.sentiment.text.Tokenizer;

import java.util.List;

/**
 * Turns a text into the supervised layer's features: hashed word 1-2-grams (words under a negation get their own
 * variant, so "not good" and "good" differ), hashed character 3-5-grams of the accent-folded words (robust to typos,
 * inflections and hashtags glued together), and the rule layer's compound score, binned so that a linear model can
 * bend it. Each hashed group is L2-normalised so that long reviews and short tweets weigh alike.
 *
 * <p>The hash is fixed (FNV-1a then a murmur finaliser) so a model trained anywhere reads the same features anywhere.
 */
final class FeatureExtractor {

    static final int HASH_BITS = 18;
    static final int HASH_SIZE = 1 << HASH_BITS;
    static final int RULE_BINS = 12;
    /** The compound score itself, its sign as two flags, then {@link #RULE_BINS} one-hot bins. */
    static final int RULE_FEATURES = 3 + RULE_BINS;
    static final int DIMENSIONS = HASH_SIZE + RULE_FEATURES;

    private static final int WORD_SEED = 0x2545F491;
    private static final int NEGATED_SEED = 0x1B873593;
    private static final int BIGRAM_SEED = 0x68E31DA4;
    private static final int CHAR_SEED = 0x7FEB352D;
    private static final int FNV_PRIME = 0x01000193;
    private static final int NEGATION_REACH = 3;
    private static final float RULE_WEIGHT = 1.0f;

    private FeatureExtractor() {
    }

    /**
     * @param ruleScore the rule layer's compound score in [-1, 1]
     */
    static SparseVector extract(String text, String language, double ruleScore) {
        SparseVector vector = new SparseVector();
        LanguageRules rules = "fr".equals(language) ? LanguageRules.FRENCH : LanguageRules.ENGLISH;
        List<Token> tokens = Tokenizer.tokenize(text);
        StringBuilder folded = new StringBuilder(text.length() + 2).append(' ');

        int start = vector.size();
        int previous = 0;
        boolean hasPrevious = false;
        int negatedFor = 0;
        for (Token token : tokens) {
            if (token.isBoundary()) {
                negatedFor = 0;
                hasPrevious = false;
                if (token.key().equals("!") || token.key().equals("?")) {
                    vector.add(bucket(hash(WORD_SEED, token.key())), 1f);
                }
                continue;
            }
            String key = squeeze(token.key());
            int word = hash(WORD_SEED, key);
            vector.add(bucket(word), 1f);
            if (negatedFor > 0) {
                vector.add(bucket(hash(NEGATED_SEED, key)), 1f);
                negatedFor--;
            }
            if (hasPrevious) {
                vector.add(bucket(previous * 31 + word + BIGRAM_SEED), 1f);
            }
            previous = word;
            hasPrevious = true;
            if (rules.negators().contains(key) || key.endsWith("n't") || key.equals(rules.negationOpener())) {
                negatedFor = NEGATION_REACH;
            }
            if (token.isWord()) {
                folded.append(key).append(' ');
            }
        }
        normalise(vector, start);

        start = vector.size();
        for (int i = 0; i + 3 <= folded.length(); i++) {
            int h = CHAR_SEED;
            for (int k = 0; k < 5 && i + k < folded.length(); k++) {
                h = (h ^ folded.charAt(i + k)) * FNV_PRIME;
                if (k >= 2) {
                    vector.add(bucket(h + k), 1f);
                }
            }
        }
        normalise(vector, start);

        vector.add(HASH_SIZE, (float) ruleScore * RULE_WEIGHT);
        if (ruleScore >= 0.05) {
            vector.add(HASH_SIZE + 1, RULE_WEIGHT);
        } else if (ruleScore <= -0.05) {
            vector.add(HASH_SIZE + 2, RULE_WEIGHT);
        }
        int bin = (int) Math.min(RULE_BINS - 1, Math.max(0, Math.floor((ruleScore + 1) / 2 * RULE_BINS)));
        vector.add(HASH_SIZE + 3 + bin, RULE_WEIGHT);
        return vector;
    }

    private static void normalise(SparseVector vector, int from) {
        vector.normalise(from);
    }

    /** "soooo goooood" and "soo good" are one word: runs of three or more letters shrink to two. */
    static String squeeze(String key) {
        int n = key.length();
        boolean repeated = false;
        for (int i = 2; i < n && !repeated; i++) {
            repeated = key.charAt(i) == key.charAt(i - 1) && key.charAt(i) == key.charAt(i - 2);
        }
        if (!repeated) {
            return key;
        }
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            int len = out.length();
            if (len >= 2 && out.charAt(len - 1) == c && out.charAt(len - 2) == c) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static int hash(int seed, String value) {
        int h = seed;
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    private static int bucket(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h & (HASH_SIZE - 1);
    }
}
