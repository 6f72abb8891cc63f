package io.vigie.sentiment.model;

import io.vigie.sentiment.scoring.LanguageRules;
import io.vigie.sentiment.scoring.Lexicon;
import io.vigie.sentiment.scoring.LexiconSentimentModel;
import io.vigie.sentiment.text.Token;
import io.vigie.sentiment.text.Tokenizer;

import java.util.List;
import java.util.Map;

/**
 * Turns a text into the supervised layer's features:
 * <ul>
 *   <li>hashed word 1-2-grams (words under a negation get their own variant, so "not good" and "good" differ), plus
 *   each word's lexicon valence as a shared token ("a word AFINN rates +3", "a negated word VADER rates -2"), so that
 *   words seen in no training example still count through the lexicons;</li>
 *   <li>hashed character 3-5-grams of the accent-folded words (robust to typos, inflections and glued hashtags);</li>
 *   <li>the rule layer's compound score, binned so that a linear model can bend it, and the share of positive
 *   valence among the text's lexicon words (the compound saturates on long reviews, the share does not);</li>
 *   <li>for long texts (more than {@value #LONG_TEXT_WORDS} words: reviews rather than posts), a second copy of every
 *   hashed feature in its own buckets, so the model can learn how reviews use words without changing how it reads
 *   short posts (a language with enough training reviews also has a model for long texts, whose copy is scaled by
 *   the language's {@link LogCountRatios}).</li>
 * </ul>
 * Each hashed group is L2-normalised so that long reviews and short tweets weigh alike.
 *
 * <p>The hash is fixed (FNV-1a then a murmur finaliser) so a model trained anywhere reads the same features anywhere.
 */
final class FeatureExtractor {

    static final int HASH_BITS = 18;
    static final int HASH_SIZE = 1 << HASH_BITS;
    static final int RULE_BINS = 12;
    /** The compound score, its sign as two flags, {@link #RULE_BINS} one-hot bins, then the positive valence share. */
    static final int RULE_FEATURES = 3 + RULE_BINS + 1;
    /** Where the English encoder's embedding goes, for the models that read it (none of vigie-lr-0.2's features). */
    static final int ENCODER_OFFSET = HASH_SIZE + RULE_FEATURES;
    static final int DIMENSIONS = ENCODER_OFFSET + SentenceEncoder.DIMENSIONS;
    /** Texts with more words than this get the long-text copy of their hashed features. */
    static final int LONG_TEXT_WORDS = 40;

    private static final int WORD_SEED = 0x2545F491;
    private static final int NEGATED_SEED = 0x1B873593;
    private static final int BIGRAM_SEED = 0x68E31DA4;
    private static final int CHAR_SEED = 0x7FEB352D;
    private static final int AFINN_SEED = 0x3C6EF372;
    private static final int VADER_SEED = AFINN_SEED + 7;
    private static final int LONG_TEXT_SEED = 0x5BD1E995;
    private static final int FNV_PRIME = 0x01000193;
    private static final int NEGATION_REACH = 3;
    private static final float RULE_WEIGHT = 1.0f;
    /** VADER's negation factor, for the valence share. */
    private static final double NEGATION_FACTOR = -0.74;
    /** Valences smaller than this (VADER scale) are too weak to be a lexicon token. */
    private static final double MIN_VADER_TOKEN = 0.5;

    /** AFINN-165 (English) and AFINN-fr, both MIT (see lexicons/README.md); loaded once per JVM. */
    private static final Map<String, Lexicon> AFINN = Map.of(
            "en", Lexicon.fromClasspath("lexicons/afinn165_en.json"),
            "fr", Lexicon.fromClasspath("lexicons/afinn_fr.json"));

    private final LexiconSentimentModel rules;

    FeatureExtractor(LexiconSentimentModel rules) {
        this.rules = rules;
    }

    /** The features of a text in {@code en} or {@code fr}, the rule layer's score included. */
    SparseVector extract(String text, String language) {
        return extract(text, language, null).vector();
    }

    /** A text's features, and whether it is a long text (with the long-text copy). */
    record Features(SparseVector vector, boolean longText) {
    }

    /**
     * @param ratios the language's log-count ratios, which scale the long-text copy; null for a plain copy
     */
    Features extract(String text, String language, LogCountRatios ratios) {
        double ruleScore = rules.score(text, language).score();
        SparseVector vector = new SparseVector();
        Valence valence = hashedGroups(vector, text, language);
        boolean longText = valence.words() > LONG_TEXT_WORDS;
        if (longText) {
            int hashed = vector.size();
            for (int i = 0; i < hashed; i++) {
                float value = ratios == null ? vector.value(i) : vector.value(i) * ratios.at(vector.index(i));
                if (value != 0) {
                    vector.add(bucket(vector.index(i) ^ LONG_TEXT_SEED), value);
                }
            }
        }

        vector.add(HASH_SIZE, (float) ruleScore * RULE_WEIGHT);
        if (ruleScore >= 0.05) {
            vector.add(HASH_SIZE + 1, RULE_WEIGHT);
        } else if (ruleScore <= -0.05) {
            vector.add(HASH_SIZE + 2, RULE_WEIGHT);
        }
        int bin = (int) Math.min(RULE_BINS - 1, Math.max(0, Math.floor((ruleScore + 1) / 2 * RULE_BINS)));
        vector.add(HASH_SIZE + 3 + bin, RULE_WEIGHT);
        if (valence.positive() + valence.negative() > 0) {
            vector.add(HASH_SIZE + 3 + RULE_BINS, (float) ((valence.positive() - valence.negative())
                    / (valence.positive() + valence.negative())));
        }
        return new Features(vector, longText);
    }

    /** The hashed groups of a long text (what its long-text copy copies), or null for a short one. */
    SparseVector longTextFeatures(String text, String language) {
        SparseVector vector = new SparseVector();
        return hashedGroups(vector, text, language).words() > LONG_TEXT_WORDS ? vector : null;
    }

    /** A text's word count and its lexicon words' positive and negative valence (VADER scale, negation applied). */
    private record Valence(int words, double positive, double negative) {
    }

    /** Adds the hashed word group then the hashed character group, each L2-normalised. */
    private Valence hashedGroups(SparseVector vector, String text, String language) {
        LanguageRules grammar = "fr".equals(language) ? LanguageRules.FRENCH : LanguageRules.ENGLISH;
        Lexicon afinn = AFINN.get("fr".equals(language) ? "fr" : "en");
        Lexicon vader = rules.lexicon(language);
        List<Token> tokens = Tokenizer.tokenize(text);
        StringBuilder folded = new StringBuilder(text.length() + 2).append(' ');

        int start = vector.size();
        int previous = 0;
        String previousKey = null;
        int negatedFor = 0;
        int words = 0;
        double positive = 0;
        double negative = 0;
        for (Token token : tokens) {
            if (token.isBoundary()) {
                negatedFor = 0;
                previousKey = null;
                if (token.key().equals("!") || token.key().equals("?")) {
                    vector.add(bucket(hash(WORD_SEED, token.key())), 1f);
                }
                continue;
            }
            String key = squeeze(token.key());
            int word = hash(WORD_SEED, key);
            vector.add(bucket(word), 1f);
            boolean negated = negatedFor > 0;
            if (negated) {
                vector.add(bucket(hash(NEGATED_SEED, key)), 1f);
                negatedFor--;
            }
            if (previousKey != null) {
                vector.add(bucket(previous * 31 + word + BIGRAM_SEED), 1f);
            }
            Double rated = previousKey == null ? null : afinn.valence(previousKey + " " + key);
            if (rated == null) {
                rated = afinn.valence(key);
            }
            if (rated != null && rated != 0) {
                vector.add(bucket(hash(AFINN_SEED, (negated ? "n" : "") + Math.round(rated))), 1f);
            }
            Double valence = vader == null ? null : vader.valence(key);
            if (valence != null) {
                double signed = negated ? NEGATION_FACTOR * valence : valence;
                if (signed > 0) {
                    positive += signed;
                } else {
                    negative -= signed;
                }
                if (Math.abs(valence) >= MIN_VADER_TOKEN) {
                    vector.add(bucket(hash(VADER_SEED, (negated ? "n" : "") + Math.round(valence))), 1f);
                }
            }
            previous = word;
            previousKey = key;
            if (grammar.negators().contains(key) || key.endsWith("n't") || key.equals(grammar.negationOpener())) {
                negatedFor = NEGATION_REACH;
            }
            if (token.isWord()) {
                folded.append(key).append(' ');
                words++;
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
        return new Valence(words, positive, negative);
    }

    /**
     * The features of {@link #extract(String, String)} followed by a sentence embedding as dense features, each
     * component multiplied by {@code weight} (the embedding has unit length, as each hashed group has).
     */
    SparseVector extract(String text, String language, float[] embedding, float weight) {
        SparseVector vector = extract(text, language);
        for (int d = 0; d < embedding.length; d++) {
            if (embedding[d] != 0) {
                vector.add(ENCODER_OFFSET + d, embedding[d] * weight);
            }
        }
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
