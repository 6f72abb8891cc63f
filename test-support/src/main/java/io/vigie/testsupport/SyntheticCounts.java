package io.vigie.testsupport;

import java.util.Random;

/** Random counts for synthetic series: the detector tests and the detection benchmark draw mentions the same way. */
public final class SyntheticCounts {

    private SyntheticCounts() {
    }

    /**
     * A Poisson draw of the given mean (Knuth's product of uniforms): mentions arriving independently at that rate.
     * Fine for the means of a window's mention count; beyond about 700 the limit e^-rate underflows.
     */
    public static int poisson(double rate, Random random) {
        if (rate < 0 || rate > 700) {
            throw new IllegalArgumentException("rate must be between 0 and 700, was " + rate);
        }
        double limit = Math.exp(-rate);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
