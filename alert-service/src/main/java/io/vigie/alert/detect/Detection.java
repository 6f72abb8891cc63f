package io.vigie.alert.detect;

import io.vigie.contracts.Severity;

/**
 * A deviation found by a detector.
 *
 * @param severity     how urgent
 * @param metric       the metric that deviated, e.g. {@code negative_count}
 * @param observed     its value in the window
 * @param expected     its baseline value
 * @param summary      one sentence a person can act on
 * @param anomalyScore how unusual, in [0, 1]: 0.5 at the detector's threshold
 */
public record Detection(Severity severity, String metric, double observed, double expected, String summary,
                        double anomalyScore) {
}
