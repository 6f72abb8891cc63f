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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * complete window once, in order. Forests live in memory only: after a restart, or when one left the bounded set
 * kept, it is rebuilt from the watch's history (the 14-day retention) with a fixed seed. Fed the same windows it
 * judges the same; a forest that had run for longer than the retention had learnt older windows too, so a rebuilt
 * one may judge a few windows differently (a reviewer measured 0 to 4 of 576 alert decisions changed after a rebuild
 * at day 18, against 1 to 3 alerts per run). Checkpointing forests in a state store is left for later (ADR 0036).
 */
public class RandomCutForestDetector implements Detector {

    public static final String NAME = "random-cut-forest";
    static final String METRIC = "stories";
    static final int SHINGLE = 8;
    static final int TREES = 50;
    static final int SAMPLE = 256;
    /** OpenSearch's recency emphasis, 10 sample sizes, in windows: the decay of samples and of the normalisation. */
    static final int RECENCY = 10 * SAMPLE;
    static final double DECAY = 1.0 / RECENCY;
    /** Points a forest takes before it scores (OpenSearch's minimum samples). */
    static final int OUTPUT_AFTER = 32;
    static final long SEED = 42;
    /**
     * Forests kept in memory (about 560 KB each, 0.6 s to rebuild from two weeks of 15-min windows): past it the least
     * recently used is dropped and rebuilt from the history when its watch is next judged.
     */
    static final int MAX_FORESTS = 128;
    private static final Logger log = LoggerFactory.getLogger(RandomCutForestDetector.class);
    private static final long SAY_EVICTIONS_EVERY_MILLIS = 60_000;
    /**
     * Share of the trees' bounding boxes kept rather than recomputed: 1.2 MB and 0.5 s per forest at 1, 0.29 MB and
     * 2.3 s at 0 (OpenSearch's real-time setting); the judgements are the same.
     */
    static final double BOUNDING_BOX_CACHE = 0.3;

    private final DetectionProperties settings;
    private long evictions;
    private long evictionsSaidAt = Long.MIN_VALUE;
    private final Map<Key, Forest> forests = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Forest> eldest) {
            if (size() <= MAX_FORESTS) {
                return false;
            }
            evicted(eldest.getKey());
            return true;
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
        if (!Double.isFinite(current.stories())) {
            return Optional.empty();
        }
        Key key = new Key(current.watchId(), current.length(), sensitivity);
        Forest forest;
        synchronized (forests) {
            forest = forests.get(key);
        }
        if (forest == null) {
            // Built outside the map's lock, which every stream thread takes: the loser of a race drops its own.
            Forest built = new Forest(anomalyRate(sensitivity));
            synchronized (forests) {
                forest = forests.putIfAbsent(key, built);
                forest = forest == null ? built : forest;
            }
        }
        synchronized (forest) {
            return forest.judge(current, history, watch, history.size() >= settings.warmUpWindows());
        }
    }

    /**
     * A forest dropped for room (the map's lock held): more watches × window lengths than {@link #MAX_FORESTS} opted
     * in, so forests are rebuilt from history again and again. Said at most once a minute.
     */
    private void evicted(Key key) {
        evictions++;
        long now = System.currentTimeMillis();
        if (evictionsSaidAt == Long.MIN_VALUE || now - evictionsSaidAt >= SAY_EVICTIONS_EVERY_MILLIS) {
            evictionsSaidAt = now;
            log.warn("Random Cut Forest: more than {} forests wanted (watches opted in x window sizes), dropped the "
                    + "least recently used ({}, {} dropped so far): each is rebuilt from its history when next "
                    + "judged, about a second per forest; fewer watches on random-cut-forest avoid it",
                    MAX_FORESTS, key.watchId(), evictions);
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

        private final double anomalyRate;
        private ThresholdedRandomCutForest model;
        private Instant fed;
        private Optional<Detection> judgement = Optional.empty();
        private final double[] recent = new double[SHINGLE];
        private int recentCount;

        Forest(double anomalyRate) {
            this.anomalyRate = anomalyRate;
            model = newModel(anomalyRate);
        }

        /** A forest that has learnt nothing yet. */
        private void forget() {
            model = newModel(anomalyRate);
            fed = null;
            judgement = Optional.empty();
            recentCount = 0;
        }

        private static ThresholdedRandomCutForest newModel(double anomalyRate) {
            return ThresholdedRandomCutForest.builder()
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
            Instant reach = windows.isEmpty() ? start.minus(current.length().multipliedBy(RECENCY))
                    : windows.get(0).windowStart();
            if (fed != null && fed.isBefore(reach)) {
                // Back after longer than the history reaches (idle, or its partition on another instance meanwhile):
                // learn again from the history, as a restart would, rather than feed the gap a window at a time.
                forget();
            }
            int unfed = windows.size();
            while (unfed > 0 && (fed == null || windows.get(unfed - 1).windowStart().isAfter(fed))) {
                unfed--;
            }
            for (int i = unfed; i < windows.size(); i++) {
                feed(windows.get(i), watch);
            }
            fillGapBefore(start, current.length(), watch);
            double usual = recentMean();
            AnomalyDescriptor descriptor = learn(current);
            judgement = descriptor.getAnomalyGrade() > 0 && warm
                    ? Optional.of(detection(current, descriptor.getAnomalyGrade(), usual))
                    : Optional.empty();
            return judgement;
        }

        /**
         * One window into the forest. A count's missing windows (no mention) are zeros, fed as such; a gauge's gaps
         * are the forest's to impute.
         */
        private void feed(WindowStats window, WatchProfile watch) {
            fillGapBefore(window.windowStart(), window.length(), watch);
            learn(window);
        }

        private AnomalyDescriptor learn(WindowStats window) {
            AnomalyDescriptor descriptor = process(window.stories(), window.windowStart());
            fed = window.windowStart();
            return descriptor;
        }

        /** A count's windows without any mention between the last one fed and this one, as zeros. */
        private void fillGapBefore(Instant start, Duration length, WatchProfile watch) {
            if (!watch.countData() || fed == null) {
                return;
            }
            // Windows a little off the grid (a backtest's jittered rows) leave no empty window between them.
            long missing = Math.round((double) Duration.between(fed, start).toMillis() / length.toMillis()) - 1;
            for (long i = 0; i < missing; i++) {
                fed = fed.plus(length);
                process(0, fed);
            }
        }

        private AnomalyDescriptor process(double value, Instant start) {
            // Milliseconds: two backtest rows within one second are still in order.
            AnomalyDescriptor descriptor = model.process(new double[] {value}, start.toEpochMilli());
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
