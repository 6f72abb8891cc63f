package io.vigie.alert.detect;


/**
 * Median and median absolute deviation of a series: a baseline that a few past spikes do not drag upwards,
 * unlike a mean and standard deviation.
 *
 * @param median            the median
 * @param mad               the median absolute deviation from the median
 * @param meanAbsDeviation  the mean absolute deviation from the median: the spread when more than half of the values
 *                          equal the median (MAD 0) but the rest still vary
 * @param min               the smallest value
 * @param max               the largest value
 */
public record RobustBaseline(double median, double mad, double meanAbsDeviation, double min, double max) {

    /** Makes the MAD comparable to a standard deviation for normally distributed data. */
    private static final double MAD_TO_SIGMA = 1.4826;
    /** Same for the mean absolute deviation (sqrt(pi / 2)). */
    private static final double MEAN_AD_TO_SIGMA = 1.2533;

    public static RobustBaseline of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a baseline needs at least one value");
        }
        double median = median(values);
        double[] deviations = new double[values.length];
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
            sum += deviations[i];
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        return new RobustBaseline(median, median(deviations), sum / values.length, min, max);
    }

    /**
     * The MAD scaled to a standard deviation (the mean absolute deviation when the MAD is 0), never below
     * {@code floor}: a spread of 0 is common for sparse counts.
     */
    public double sigma(double floor) {
        double spread = mad > 0 ? MAD_TO_SIGMA * mad : MEAN_AD_TO_SIGMA * meanAbsDeviation;
        return Math.max(spread, floor);
    }

    /** The MAD scaled to a standard deviation, 0 when more than half of the values are equal. */
    public double madSigma() {
        return MAD_TO_SIGMA * mad;
    }

    /** By selection rather than sorting: baselines of two weeks of 5-min windows are computed on every update. */
    static double median(double[] values) {
        double[] work = values.clone();
        int middle = work.length / 2;
        double upper = select(work, middle);
        if (work.length % 2 == 1) {
            return upper;
        }
        double lower = work[0];
        for (int i = 1; i < middle; i++) {
            lower = Math.max(lower, work[i]);
        }
        return (lower + upper) / 2;
    }

    /** Puts the k-th smallest value at index k, smaller ones before it (Hoare's selection), and returns it. */
    private static double select(double[] values, int k) {
        int left = 0;
        int right = values.length - 1;
        while (left < right) {
            double pivot = medianOfThree(values[left], values[(left + right) >>> 1], values[right]);
            int i = left;
            int j = right;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double swap = values[i];
                    values[i] = values[j];
                    values[j] = swap;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                right = j;
            } else if (k >= i) {
                left = i;
            } else {
                break;
            }
        }
        return values[k];
    }

    private static double medianOfThree(double a, double b, double c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
