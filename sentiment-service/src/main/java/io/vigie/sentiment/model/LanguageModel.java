package io.vigie.sentiment.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * Multinomial logistic regression over {@link FeatureExtractor}'s features, for one language: three weights per
 * feature (negative, neutral, positive) and three biases. The neutral bias carries the calibration made on the
 * validation split.
 */
final class LanguageModel {

    private final float[] weights;
    private final float[] bias;

    private LanguageModel(float[] weights, float[] bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** Hyper-parameters of the stochastic gradient descent; fixed seed and order make training reproducible. */
    record Training(int epochs, double learningRate, double l2, long seed) {
    }

    /**
     * Trains by stochastic gradient descent with L2 weight decay, visiting the examples in an order drawn from the
     * seed. Arithmetic is sequential in double precision, so the same data give the same weights on any JVM.
     */
    static LanguageModel train(List<SparseVector> features, int[] labels, Training training) {
        int n = features.size();
        double[] w = new double[FeatureExtractor.DIMENSIONS * LabelledExample.CLASSES];
        double[] b = new double[LabelledExample.CLASSES];
        // Weights are stored divided by `scale`, so decaying all of them is one multiplication (sparse updates stay sparse).
        double scale = 1;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(training.seed());
        double[] logits = new double[LabelledExample.CLASSES];
        long step = 0;
        for (int epoch = 0; epoch < training.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int e = 0; e < n; e++) {
                int example = order[e];
                SparseVector x = features.get(example);
                double rate = training.learningRate() / (1 + step * 1e-4);
                step++;
                for (int c = 0; c < LabelledExample.CLASSES; c++) {
                    double dot = 0;
                    for (int k = 0; k < x.size(); k++) {
                        dot += w[x.index(k) * LabelledExample.CLASSES + c] * x.value(k);
                    }
                    logits[c] = b[c] + dot * scale;
                }
                softmax(logits);
                scale *= 1 - rate * training.l2();
                for (int c = 0; c < LabelledExample.CLASSES; c++) {
                    double gradient = logits[c] - (labels[example] == c ? 1 : 0);
                    b[c] -= rate * gradient;
                    double update = rate * gradient / scale;
                    for (int k = 0; k < x.size(); k++) {
                        w[x.index(k) * LabelledExample.CLASSES + c] -= update * x.value(k);
                    }
                }
                if (scale < 1e-6) {
                    for (int k = 0; k < w.length; k++) {
                        w[k] *= scale;
                    }
                    scale = 1;
                }
            }
        }
        float[] weights = new float[w.length];
        for (int k = 0; k < w.length; k++) {
            weights[k] = quantise((float) (w[k] * scale));
        }
        float[] biases = new float[LabelledExample.CLASSES];
        for (int c = 0; c < biases.length; c++) {
            biases[c] = quantise((float) b[c]);
        }
        return new LanguageModel(weights, biases);
    }

    /** Class probabilities, negative, neutral, positive. */
    double[] probabilities(SparseVector x) {
        double[] logits = new double[LabelledExample.CLASSES];
        for (int c = 0; c < LabelledExample.CLASSES; c++) {
            logits[c] = bias[c];
        }
        for (int k = 0; k < x.size(); k++) {
            int base = x.index(k) * LabelledExample.CLASSES;
            float value = x.value(k);
            logits[0] += weights[base] * value;
            logits[1] += weights[base + 1] * value;
            logits[2] += weights[base + 2] * value;
        }
        softmax(logits);
        return logits;
    }

    /** The same model with its neutral class favoured (positive shift) or disfavoured. */
    LanguageModel withNeutralShift(float shift) {
        float[] shifted = bias.clone();
        shifted[LabelledExample.NEUTRAL] = quantise(shifted[LabelledExample.NEUTRAL] + shift);
        return new LanguageModel(weights, shifted);
    }

    int nonZeroFeatures() {
        int count = 0;
        for (int f = 0; f < FeatureExtractor.DIMENSIONS; f++) {
            int base = f * LabelledExample.CLASSES;
            if (weights[base] != 0 || weights[base + 1] != 0 || weights[base + 2] != 0) {
                count++;
            }
        }
        return count;
    }

    /** Sparse: the index gap to each feature with a non-zero weight, then its three weights as 16-bit floats. */
    void write(DataOutputStream out) throws IOException {
        for (float value : bias) {
            out.writeShort(Float.floatToRawIntBits(value) >>> 16);
        }
        out.writeInt(nonZeroFeatures());
        int last = -1;
        for (int f = 0; f < FeatureExtractor.DIMENSIONS; f++) {
            int base = f * LabelledExample.CLASSES;
            if (weights[base] != 0 || weights[base + 1] != 0 || weights[base + 2] != 0) {
                writeVarInt(out, f - last);
                last = f;
                for (int c = 0; c < LabelledExample.CLASSES; c++) {
                    out.writeShort(Float.floatToRawIntBits(weights[base + c]) >>> 16);
                }
            }
        }
    }

    static LanguageModel read(DataInputStream in) throws IOException {
        float[] bias = new float[LabelledExample.CLASSES];
        for (int c = 0; c < bias.length; c++) {
            bias[c] = Float.intBitsToFloat(in.readUnsignedShort() << 16);
        }
        float[] weights = new float[FeatureExtractor.DIMENSIONS * LabelledExample.CLASSES];
        int count = in.readInt();
        int feature = -1;
        for (int i = 0; i < count; i++) {
            feature += readVarInt(in);
            if (feature >= FeatureExtractor.DIMENSIONS) {
                throw new IOException("feature index " + feature + " beyond " + FeatureExtractor.DIMENSIONS
                        + ": the model file was written by another feature layout; retrain it");
            }
            for (int c = 0; c < LabelledExample.CLASSES; c++) {
                weights[feature * LabelledExample.CLASSES + c] = Float.intBitsToFloat(in.readUnsignedShort() << 16);
            }
        }
        return new LanguageModel(weights, bias);
    }

    /** Keeps the 16 high bits of a float (bfloat16), the precision the model file stores. */
    static float quantise(float value) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(value) & 0xFFFF0000);
    }

    private static void softmax(double[] logits) {
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double sum = 0;
        for (int c = 0; c < logits.length; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        for (int c = 0; c < logits.length; c++) {
            logits[c] /= sum;
        }
    }

    static void writeVarInt(DataOutputStream out, int value) throws IOException {
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    static int readVarInt(DataInputStream in) throws IOException {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }
}
