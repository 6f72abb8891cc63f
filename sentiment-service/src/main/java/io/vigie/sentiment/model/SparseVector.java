package io.vigie.sentiment.model;

import java.util.Arrays;

/** Feature indices with their values; an index may repeat (its values add up). */
final class SparseVector {

    private int[] indices = new int[256];
    private float[] values = new float[256];
    private int size;

    void add(int index, float value) {
        if (size == indices.length) {
            indices = Arrays.copyOf(indices, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        indices[size] = index;
        values[size] = value;
        size++;
    }

    /**
     * Merges the repeated indices from position {@code from} on into presence features (1), then scales that group to
     * unit L2 norm: a text repeated a hundred times has the same features as the text once.
     */
    void normalise(int from) {
        int count = size - from;
        if (count == 0) {
            return;
        }
        long[] packed = new long[count];
        for (int i = 0; i < count; i++) {
            packed[i] = ((long) indices[from + i] << 32) | (Float.floatToRawIntBits(values[from + i]) & 0xFFFFFFFFL);
        }
        Arrays.sort(packed);
        int out = from;
        double norm = 0;
        for (int i = 0; i < count; ) {
            int index = (int) (packed[i] >>> 32);
            float sum = 0;
            while (i < count && (int) (packed[i] >>> 32) == index) {
                sum += Float.intBitsToFloat((int) packed[i]);
                i++;
            }
            indices[out] = index;
            // Presence, not counts: a word repeated does not say more than the word once.
            values[out] = sum > 0 ? 1 : 0;
            norm += values[out];
            out++;
        }
        size = out;
        float factor = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = from; i < size; i++) {
            values[i] *= factor;
        }
    }

    int size() {
        return size;
    }

    int index(int i) {
        return indices[i];
    }

    float value(int i) {
        return values[i];
    }

    /** A copy trimmed to its size, for vectors kept across training epochs. */
    SparseVector compact() {
        SparseVector copy = new SparseVector();
        copy.indices = Arrays.copyOf(indices, size);
        copy.values = Arrays.copyOf(values, size);
        copy.size = size;
        return copy;
    }
}
