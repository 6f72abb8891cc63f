package io.vigie.alert.detect;

import java.util.Arrays;

/**
 * Median and median absolute deviation of a series: a baseline that a few past spikes do not drag upwards,
 * unlike a mean and standard deviation.
 *
 * @param median the median
 * @param mad    the median absolute deviation from the median
 */
public record RobustBaseline(double median, double mad) {

    /** Makes the MAD comparable to a standard deviation for normally distributed data. */
    private static final double MAD_TO_SIGMA = 1.4826;

    public static RobustBaseline of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a baseline needs at least one value");
        }
        double median = median(values);
        double[] deviations = Arrays.stream(values).map(v -> Math.abs(v - median)).toArray();
        return new RobustBaseline(median, median(deviations));
    }

    /** The MAD scaled to a standard deviation, never below {@code floor} (a MAD of 0 is common for sparse counts). */
    public double sigma(double floor) {
        return Math.max(MAD_TO_SIGMA * mad, floor);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
