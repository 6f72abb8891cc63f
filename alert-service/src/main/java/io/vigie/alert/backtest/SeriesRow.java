package io.vigie.alert.backtest;

import java.time.Instant;

/**
 * One row of a series to backtest.
 *
 * @param rawTimestamp the timestamp as written in the input, echoed in the output
 * @param rawValue     the value as written in the input
 * @param timestamp    start of the row's window
 * @param value        the metric (the window's volume)
 * @param negative     negative mentions in the window; null when the series has no such column
 * @param sentiment    mean polarity in [-1, 1]; null when the series has no such column
 */
public record SeriesRow(String rawTimestamp, String rawValue, Instant timestamp, double value, Double negative,
                        Double sentiment) {
}
