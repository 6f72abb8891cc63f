package io.vigie.alert.detect;

import io.vigie.alert.config.AlertProperties;

import java.util.List;

/** The detectors the service runs, the same in the stream and in the backtest. */
public final class Detectors {

    private Detectors() {
    }

    /** In order of precedence: on a tie of severity, the first that fired names the incident. */
    public static List<Detector> all(AlertProperties.NegativeSurge negativeSurge, DetectionProperties settings) {
        return List.of(
                new NegativeSurgeDetector(negativeSurge),
                new CrisisTermsDetector(settings),
                new HighReachNegativeDetector(settings),
                new SentimentDropDetector(settings),
                new VolumeSpikeDetector(settings),
                new SlowClimbDetector(settings),
                new VolumeDropDetector(settings),
                new SilenceDetector(settings),
                new AnomalyLikelihoodDetector(settings),
                new RandomCutForestDetector(settings));
    }
}
