package io.vigie.sentiment.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Naive Bayes log-count ratios of one language's hashed features (Wang and Manning 2012, "NBSVM"), learnt on its long
 * two-class training texts (reviews): {@code log((p + 1) / |p + 1|) - log((q + 1) / |q + 1|)}, where p and q count the
 * positive and the negative reviews a feature occurs in. The long-text copy of a review's features is scaled by them
 * (times {@link #WEIGHT}), so the logistic regression starts from each word's evidence across all reviews instead of
 * from what a few gradient steps make of it: with about a thousand reviews, most words occur in a handful.
 */
final class LogCountRatios {

    /** Fewer long two-class training texts give no ratios (English has 23 long UCI sentences, French 1,200 reviews). */
    static final int MIN_TEXTS = 200;
    /**
     * The scale of the ratios against the other features: the best out-of-fold accuracy on the French training reviews,
     * averaged over three 5-fold cross-validations of the training split (three partitions), among 1, 2, 3, 4, 6 and
     * 8 (0.833, 0.841, 0.846, 0.848, 0.850, 0.850; ADR 0016), not chosen on any reported row.
     */
    static final float WEIGHT = 6f;
    /** Laplace smoothing of the counts (Wang and Manning's alpha). */
    private static final double SMOOTHING = 1;

    /** By hashed feature (bucket below {@link FeatureExtractor#HASH_SIZE}); 0 for a feature no long review has. */
    private final float[] ratios;

    private LogCountRatios(float[] ratios) {
        this.ratios = ratios;
    }

    /** The ratios of the long two-class examples among {@code examples}, or null when there are too few of them. */
    static LogCountRatios learn(FeatureExtractor extractor, List<LabelledExample> examples) {
        double[] positive = new double[FeatureExtractor.HASH_SIZE];
        double[] negative = new double[FeatureExtractor.HASH_SIZE];
        int texts = 0;
        for (LabelledExample example : examples) {
            if (!example.twoClass()) {
                continue;
            }
            SparseVector hashed = extractor.longTextFeatures(example.text(), example.language());
            if (hashed == null) {
                continue;
            }
            texts++;
            double[] counts = example.label() == LabelledExample.POSITIVE ? positive : negative;
            for (int k = 0; k < hashed.size(); k++) {
                counts[hashed.index(k)]++;
            }
        }
        if (texts < MIN_TEXTS) {
            return null;
        }
        double positiveTotal = SMOOTHING * positive.length;
        double negativeTotal = SMOOTHING * negative.length;
        for (int f = 0; f < positive.length; f++) {
            positiveTotal += positive[f];
            negativeTotal += negative[f];
        }
        float[] ratios = new float[FeatureExtractor.HASH_SIZE];
        for (int f = 0; f < ratios.length; f++) {
            if (positive[f] + negative[f] > 0) {
                double ratio = Math.log((positive[f] + SMOOTHING) / positiveTotal)
                        - Math.log((negative[f] + SMOOTHING) / negativeTotal);
                // Rounded as the model file stores it, so training reads the features the shipped model reads.
                ratios[f] = LanguageModel.quantise((float) (WEIGHT * ratio));
            }
        }
        return new LogCountRatios(ratios);
    }

    /** The scale of a hashed feature's long-text copy (0: the copy is left out). */
    float at(int feature) {
        return ratios[feature];
    }

    /** Sparse, as the weights: the index gap to each non-zero ratio, then the ratio as a 16-bit float. */
    void write(DataOutputStream out) throws IOException {
        int count = 0;
        for (float ratio : ratios) {
            if (ratio != 0) {
                count++;
            }
        }
        out.writeInt(count);
        int last = -1;
        for (int f = 0; f < ratios.length; f++) {
            if (ratios[f] != 0) {
                LanguageModel.writeVarInt(out, f - last);
                last = f;
                out.writeShort(Float.floatToRawIntBits(ratios[f]) >>> 16);
            }
        }
    }

    static LogCountRatios read(DataInputStream in) throws IOException {
        float[] ratios = new float[FeatureExtractor.HASH_SIZE];
        int count = in.readInt();
        int feature = -1;
        for (int i = 0; i < count; i++) {
            feature += LanguageModel.readVarInt(in);
            if (feature >= FeatureExtractor.HASH_SIZE) {
                throw new IOException("log-count ratio of feature " + feature + " beyond " + FeatureExtractor.HASH_SIZE
                        + ": the model file was written by another feature layout; retrain it");
            }
            ratios[feature] = Float.intBitsToFloat(in.readUnsignedShort() << 16);
        }
        return new LogCountRatios(ratios);
    }
}
