package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Severity;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Fires when the recent behaviour of the metric is improbable given its own history, in either direction: HTM's
 * "anomaly likelihood" (Ahmad et al. 2017) on a simple raw score. Each window gets a raw score, how far it is from
 * the window before it and from the median of the history, in robust deviations; the mean raw score of the last
 * {@link #SHORT} windows is compared with the distribution (mean, standard deviation) of that same short mean over
 * the history; the detector fires when its Gaussian tail probability is below {@code 1e-5} at medium. The median
 * and deviation of a level are those of the same local hour of the day once the history holds
 * {@code daily-min-days} days of windows of at most an hour, else of the whole history. A level shift
 * up or down, a spike, or a flat line in a noisy metric all move the short mean far out of its usual range; once the
 * metric settles the long distribution has not moved, so one episode stays one incident. Pure: the raw scores and
 * their distribution are computed from the history, once per history instance.
 */
public class AnomalyLikelihoodDetector implements Detector {

    public static final String NAME = "anomaly-likelihood";
    static final String METRIC = "stories";
    /** Windows averaged into the short-term raw score (HTM: 10; 5 and 20 scored lower on the tuning families). */
    static final int SHORT = 10;
    /**
     * History the detector needs before it judges anything (48 to 150 scored the same on the tuning families, 200 to
     * 600 lower).
     */
    static final int MIN_HISTORY = 100;
    /** Tail probability under which the detector fires at medium (HTM: 1e-5; 1e-4 and 1e-7 scored lower). */
    static final double TAIL_MEDIUM = 1e-5;

    private final DetectionProperties settings;

    public AnomalyLikelihoodDetector(DetectionProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Detection> evaluate(WindowStats current, WindowHistory history, WatchProfile watch,
                                        Sensitivity sensitivity) {
        int n = history.size();
        if (n < Math.max(MIN_HISTORY, settings.warmUpWindows())) {
            return Optional.empty();
        }
        // Everything but the current window's own raw score is the history's: computed once per history instance,
        // so a window judged again at each update (live) pays for one raw score, not the history's 24 baselines.
        long seconds = Math.max(1, current.length().toSeconds());
        Past past = history.derived(NAME + "|" + seconds, watch.zone(),
                () -> Past.of(history, watch, seconds, settings.dailyMinDays()));
        int hourNow = WindowHistory.hourOfDay(WindowHistory.hourOfWeek(current.windowStart(), watch.zone().getRules()));
        double observed = current.stories();
        double step = Math.abs(observed - past.values[n - 1]) / past.sigma;
        double level = Math.abs(observed - past.median[hourNow]) / past.spread[hourNow];
        double rawNow = Math.max(step, level);
        // The same operations, in the same order, as the running sum over the whole series: the same doubles.
        double currentMean = (past.lastWindowSum + (rawNow - past.raw[n - SHORT])) / SHORT;
        if (past.count < 2) {
            return Optional.empty();
        }
        double mean = past.sum / past.count;
        double sd = Math.sqrt(Math.max(0, past.sumSq / past.count - mean * mean));
        sd = Math.max(sd, 1e-6 + 0.01 * mean);
        double z = (currentMean - mean) / sd;
        // Far out, the tail underflows to 0: keep it a number, for the summary and the score.
        double tail = Math.max(Double.MIN_NORMAL, tail(z));
        double threshold = TAIL_MEDIUM * Presets.pick(sensitivity, 0.1, 1, 10);
        if (tail >= threshold) {
            return Optional.empty();
        }
        double recentMean = 0;
        double usualMean = 0;
        for (int j = n + 1 - SHORT; j <= n; j++) {
            recentMean += (j == n ? observed : past.values[j]) / SHORT;
            usualMean += past.median[j == n ? hourNow : past.hourOf[j]] / SHORT;
        }
        if (watch.countData() && Math.abs(recentMean - usualMean) < Presets.pick(sensitivity, 10, 5, 3)) {
            // Mention counts: an improbable run of two or three mentions more or less per window is no news.
            return Optional.empty();
        }
        double ratio = Math.log(tail) / Math.log(threshold);
        String summary = String.format(Locale.ROOT,
                "'%s' behaves unlike its history: %s per window over the last %d windows up to %s, usually %s"
                        + " (likelihood %.1e).",
                current.watchId(), Summaries.number(recentMean), SHORT, Summaries.window(current, watch.zone()),
                Summaries.number(usualMean), tail);
        return Optional.of(new Detection(Severity.MEDIUM, METRIC, observed, past.robust.median(), summary,
                Presets.score(ratio)));
    }

    /**
     * What the history alone decides: its values and local hours, the level baselines (per local hour of the day
     * once the history holds {@code daily-min-days} days of windows of at most an hour, else the whole history's),
     * the raw score of each window, and the short means up to the last window (their running sum, sum and sum of
     * squares).
     */
    private static final class Past {
        final double[] values;
        final int[] hourOf;
        final RobustBaseline robust;
        final double sigma;
        final double[] median = new double[24];
        final double[] spread = new double[24];
        final double[] raw;
        double lastWindowSum;
        double sum;
        double sumSq;
        double count;

        private Past(double[] values, int[] hourOf, RobustBaseline robust, double sigma) {
            this.values = values;
            this.hourOf = hourOf;
            this.robust = robust;
            this.sigma = sigma;
            this.raw = new double[values.length];
        }

        static Past of(WindowHistory history, WatchProfile watch, long seconds, int dailyMinDays) {
            int n = history.size();
            double[] v = history.values(WindowStats::stories);
            RobustBaseline robust = RobustBaseline.of(v);
            int[] hours = history.hoursOfWeek(watch.zone());
            int[] hourOf = new int[n];
            for (int j = 0; j < n; j++) {
                hourOf[j] = WindowHistory.hourOfDay(hours[j]);
            }
            Past past = new Past(v, hourOf, robust, robust.sigma(Math.max(1e-9, 1e-3 * Math.abs(robust.median()))));
            Arrays.fill(past.median, robust.median());
            Arrays.fill(past.spread, past.sigma);
            long perHour = Math.max(1, Duration.ofHours(1).toSeconds() / seconds);
            if (seconds <= 3600 && n >= 24 * perHour * dailyMinDays) {
                int[] windowsAtHour = SeasonalBaseline.windowsPerHourOfDay(history, watch.zone());
                for (int h = 0; h < 24; h++) {
                    int hour = h;
                    if (windowsAtHour[hour] >= 8) {
                        // The seasonal detectors' baseline of the same hour (same key, same values): computed once,
                        // and taken over from the previous history when that hour's windows did not change.
                        RobustBaseline atHour = history.baselineAtHours(METRIC + "|d" + hour, watch.zone(),
                                hourOfWeek -> WindowHistory.hourOfDay(hourOfWeek) == hour,
                                () -> history.valuesAtHourOfDay(WindowStats::stories, watch.zone(), hour));
                        past.median[h] = atHour.median();
                        past.spread[h] = Math.max(atHour.sigma(1e-9), 0.25 * past.sigma);
                    }
                }
            }
            // raw score: the larger of the step from the previous window and the distance from the level baseline
            for (int j = 1; j < n; j++) {
                double step = Math.abs(v[j] - v[j - 1]) / past.sigma;
                double level = Math.abs(v[j] - past.median[hourOf[j]]) / past.spread[hourOf[j]];
                past.raw[j] = Math.max(step, level);
            }
            // short means s_j over raw[j-SHORT+1..j], for SHORT <= j < n (the current window's comes later)
            double window = 0;
            for (int j = 1; j <= SHORT; j++) {
                window += past.raw[j];
            }
            for (int j = SHORT; j < n; j++) {
                if (j > SHORT) {
                    window += past.raw[j] - past.raw[j - SHORT];
                }
                double s = window / SHORT;
                past.sum += s;
                past.sumSq += s * s;
                past.count++;
            }
            past.lastWindowSum = window;
            return past;
        }
    }

    /** Upper tail probability of a standard normal variable: Q(z) = erfc(z / sqrt 2) / 2. */
    static double tail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
    static double erfc(double x) {
        double t = 1.0 / (1.0 + 0.5 * Math.abs(x));
        double ans = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}
