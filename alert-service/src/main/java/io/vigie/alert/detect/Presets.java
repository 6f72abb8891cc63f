package io.vigie.alert.detect;

import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Severity;

/** Sensitivity presets and severities shared by the detectors. */
final class Presets {

    private Presets() {
    }

    /** The value of a threshold for a sensitivity; {@code off} never reaches a detector. */
    static double pick(Sensitivity sensitivity, double low, double medium, double high) {
        return switch (sensitivity) {
            case LOW -> low;
            case HIGH -> high;
            default -> medium;
        };
    }

    /** How far past its threshold an observation is (1 = at the threshold): 3 times is high, 1.5 medium. */
    static Severity severity(double ratio) {
        return ratio >= 3 ? Severity.HIGH : ratio >= 1.5 ? Severity.MEDIUM : Severity.LOW;
    }

    /** An anomaly score in [0, 1]: 0.5 at the threshold, towards 1 far past it, 1 infinitely far. */
    static double score(double ratio) {
        if (Double.isNaN(ratio) || ratio <= 0) {
            return 0;
        }
        return Double.isInfinite(ratio) ? 1 : ratio / (ratio + 1);
    }
}
