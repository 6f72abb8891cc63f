package io.vigie.alert.detect;

import com.amazon.randomcutforest.config.ForestMode;
import com.amazon.randomcutforest.config.ImputationMethod;
import com.amazon.randomcutforest.config.Precision;
import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Severity;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Fires on a window whose shape with the windows before it is unusual: AWS's Thresholded Random Cut Forest, set up as
 * OpenSearch anomaly detection runs it (shingles of 8 windows, 50 trees of 256 samples, a recency of 2,560 windows,
 * values normalised, missing windows imputed from the previous one, its own adaptive threshold). The default for a
 * gauge (a backtest series whose values are not all whole numbers: CPU, latency, prices) in place of the seasonal
 * detectors; a live watch turns it on with {@code alerting.detectors: {random-cut-forest: medium}} (ADR 0036).
 *
 * <p>Unlike the other detectors it learns as it goes: a forest per watch, window length and sensitivity, fed each
 * complete window once, in order. The forest is a function of the windows it was fed and its fixed seed, so one
 * rebuilt from the watch's history (after a restart, or when it left the bounded set of forests kept in memory)
 * judges as the old one did, up to windows older than the history's retention.
 */
public class RandomCutForestDetector implements Detector {

    public static final String NAME = "random-cut-forest";
    static final String METRIC = "stories";
    static final int SHINGLE = 8;
    static final int TREES = 50;
    static final int SAMPLE = 256;
    /** OpenSearch's recency emphasis, 10 sample sizes: the decay of samples and of the normalisation. */
    static final double DECAY = 1.0 / (10 * SAMPLE);
    /** Points a forest takes before it scores (OpenSearch's minimum samples). */
    static final int OUTPUT_AFTER = 32;
    static final long SEED = 42;
    /**
     * Forests kept in memory (about 560 KB each, 0.6 s to rebuild from two weeks of 15-min windows): past it the least
     * recently used is dropped and rebuilt from the history when its watch is next judged.
     */
    static final int MAX_FORESTS = 128;
    /**
     * Share of the trees' bounding boxes kept rather than recomputed: 1.2 MB and 0.5 s per forest at 1, 0.29 MB and
     * 2.3 s at 0 (OpenSearch's real-time setting); the judgements are the same.
     */
    static final double BOUNDING_BOX_CACHE = 0.3;

    private final DetectionProperties settings;
    private final Map<Key, Forest> forests = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Forest> eldest) {
            return size() > MAX_FORESTS;
        }
    };

    public RandomCutForestDetector(DetectionProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A forest learns from each window once, so it judges finished windows only. */
    @Override
    public boolean needsCompleteWindow() {
        return true;
    }

    /** Opt-in for a live watch: the seasonal detectors are built for mention counts' daily and weekly rhythm. */
    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Optional<Detection> evaluate(WindowStats current, WindowHistory history, WatchProfile watch,
                                        Sensitivity sensitivity) {
        Forest forest;
        synchronized (forests) {
            forest = forests.computeIfAbsent(new Key(current.watchId(), current.length(), sensitivity),
                    key -> new Forest(anomalyRate(sensitivity)));
        }
        synchronized (forest) {
            return forest.judge(current, history, watch, history.size() >= settings.warmUpWindows());
        }
    }

    /** Forests held now (for tests). */
    int forests() {
        synchronized (forests) {
            return forests.size();
        }
    }

    /** The share of points the forest's threshold expects to be anomalies: OpenSearch's 0.005 at medium. */
    static double anomalyRate(Sensitivity sensitivity) {
        return Presets.pick(sensitivity, 0.0025, 0.005, 0.01);
    }

    private record Key(String watchId, Duration length, Sensitivity sensitivity) {
    }

    /** One watch's forest, the last window it was fed, and what it said of it (a window may be judged again). */
    private static final class Forest {

        private final ThresholdedRandomCutForest model;
        private Instant fed;
        private Optional<Detection> judgement = Optional.empty();
        private final double[] recent = new double[SHINGLE];
        private int recentCount;

        Forest(double anomalyRate) {
            model = ThresholdedRandomCutForest.builder()
                    .dimensions(SHINGLE).shingleSize(SHINGLE).internalShinglingEnabled(true)
                    .numberOfTrees(TREES).sampleSize(SAMPLE)
                    .timeDecay(DECAY).transformDecay(DECAY)
                    .outputAfter(OUTPUT_AFTER).initialAcceptFraction((double) OUTPUT_AFTER / SAMPLE)
                    .parallelExecutionEnabled(false).compact(true).precision(Precision.FLOAT_32)
                    .boundingBoxCacheFraction(BOUNDING_BOX_CACHE)
                    .anomalyRate(anomalyRate).transformMethod(TransformMethod.NORMALIZE)
                    .alertOnce(true).autoAdjust(true)
                    .forestMode(ForestMode.STREAMING_IMPUTE).imputationMethod(ImputationMethod.PREVIOUS)
                    .randomSeed(SEED)
                    .build();
        }

        Optional<Detection> judge(WindowStats current, WindowHistory history, WatchProfile watch, boolean warm) {
            Instant start = current.windowStart();
            if (fed != null && !start.isAfter(fed)) {
                // Judged already (a late mention re-evaluates the window), or older than what the forest learnt.
                return start.equals(fed) ? judgement : Optional.empty();
            }
            List<WindowStats> windows = history.windows();
            int unfed = windows.size();
            while (unfed > 0 && (fed == null || windows.get(unfed - 1).windowStart().isAfter(fed))) {
                unfed--;
            }
            for (int i = unfed; i < windows.size(); i++) {
                feed(windows.get(i), watch);
            }
            fillGapBefore(start, current.length(), watch);
            double usual = recentMean();
            AnomalyDescriptor descriptor = feed(current, watch);
            judgement = descriptor.getAnomalyGrade() > 0 && warm
                    ? Optional.of(detection(current, descriptor.getAnomalyGrade(), usual))
                    : Optional.empty();
            return judgement;
        }

        /**
         * One window into the forest. A count's missing windows (no mention) are zeros, fed as such; a gauge's gaps
         * are the forest's to impute.
         */
        private AnomalyDescriptor feed(WindowStats window, WatchProfile watch) {
            fillGapBefore(window.windowStart(), window.length(), watch);
            AnomalyDescriptor descriptor = process(window.stories(), window.windowStart());
            fed = window.windowStart();
            return descriptor;
        }

        private void fillGapBefore(Instant start, Duration length, WatchProfile watch) {
            if (watch.countData() && fed != null) {
                for (Instant gap = fed.plus(length); gap.isBefore(start); gap = gap.plus(length)) {
                    process(0, gap);
                    fed = gap;
                }
            }
        }

        private AnomalyDescriptor process(double value, Instant start) {
            AnomalyDescriptor descriptor = model.process(new double[] {value}, start.getEpochSecond());
            recent[recentCount++ % SHINGLE] = value;
            return descriptor;
        }

        private double recentMean() {
            int n = Math.min(recentCount, SHINGLE);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += recent[i];
            }
            return n == 0 ? 0 : sum / n;
        }

        private static Detection detection(WindowStats current, double grade, double usual) {
            double observed = current.stories();
            String summary = String.format(Locale.ROOT,
                    "Unusual pattern on '%s': %s in the window, %s on average over the last %d windows "
                            + "(Random Cut Forest anomaly grade %.2f).",
                    current.watchId(), number(observed), number(usual), SHINGLE, grade);
            return new Detection(Severity.MEDIUM, METRIC, observed, usual, summary, 0.5 + grade / 2);
        }

        private static String number(double value) {
            return new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
        }
    }
}
