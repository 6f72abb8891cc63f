package io.vigie.alert.window;

import io.vigie.contracts.AlertBreakdown;
import io.vigie.contracts.AlertMention;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Statistics of one watch over one event-time window: what detectors compare against the history.
 *
 * @param watchId          the watch
 * @param windowStart      start of the window (inclusive)
 * @param windowEnd        end of the window (exclusive)
 * @param volume           mentions in the window (live a count; in a backtest, any metric of the series)
 * @param ratedCount       mentions that got a polarity
 * @param negativeCount    negative mentions
 * @param scoreSum         sum of polarity scores
 * @param sampleMentionIds example mention ids, negative ones first; empty in the stored history
 * @param distinctStories  mentions once near-duplicates are counted once; 0 when unknown (older tallies)
 * @param reachSum         sum of the authors' reach, where known
 * @param maxNegativeReach largest author reach among the negative mentions
 * @param crisisTermHits   mentions containing a crisis term
 * @param bySource         mentions per source type
 * @param byLanguage       mentions per language
 * @param topMentions      the most telling mentions, negative and widely read first; empty in the stored history
 */
public record WindowStats(String watchId, Instant windowStart, Instant windowEnd, double volume, long ratedCount,
                          long negativeCount, double scoreSum, List<String> sampleMentionIds, long distinctStories,
                          long reachSum, long maxNegativeReach, long crisisTermHits, Map<String, Long> bySource,
                          Map<String, Long> byLanguage, List<AlertMention> topMentions) {

    public WindowStats {
        sampleMentionIds = sampleMentionIds == null ? List.of() : List.copyOf(sampleMentionIds);
        bySource = bySource == null ? Map.of() : Map.copyOf(bySource);
        byLanguage = byLanguage == null ? Map.of() : Map.copyOf(byLanguage);
        topMentions = topMentions == null ? List.of() : List.copyOf(topMentions);
    }

    /** A window known only by its counts, as a backtest or an older tally gives it. */
    public WindowStats(String watchId, Instant windowStart, Instant windowEnd, double volume, long ratedCount,
                       long negativeCount, double scoreSum, List<String> sampleMentionIds) {
        this(watchId, windowStart, windowEnd, volume, ratedCount, negativeCount, scoreSum, sampleMentionIds, 0, 0, 0,
                0, Map.of(), Map.of(), List.of());
    }

    /** A window without any mention, e.g. the one a silence check looks at. */
    public static WindowStats empty(String watchId, Instant windowStart, Instant windowEnd) {
        return new WindowStats(watchId, windowStart, windowEnd, 0, 0, 0, 0, List.of());
    }

    public static WindowStats of(String watchId, Instant windowStart, Instant windowEnd, MentionTally tally, int samples) {
        List<String> sample = Stream.concat(tally.negativeSampleIds().stream(), tally.otherSampleIds().stream())
                .limit(samples).toList();
        List<AlertMention> top = samples == 0 ? List.of() : tally.topMentions().stream().limit(samples).toList();
        return new WindowStats(watchId, windowStart, windowEnd, tally.volume(), tally.ratedCount(),
                tally.negativeCount(), tally.scoreSum(), sample, tally.distinctStories(), tally.reachSum(),
                tally.maxNegativeReach(), tally.crisisTermHits(), tally.bySource(), tally.byLanguage(), top);
    }

    /**
     * Mentions with near-duplicates counted once: forty copies of one wire story are one story. Falls back to the
     * volume for tallies stored before fingerprints were counted.
     */
    public double stories() {
        return distinctStories > 0 ? Math.min(distinctStories, volume) : volume;
    }

    /** Negative mentions among the rated ones, 0 when none was rated. */
    public double negativeShare() {
        return ratedCount == 0 ? 0 : (double) negativeCount / ratedCount;
    }

    /** Mean polarity of the rated mentions, 0 when none was rated. */
    public double meanScore() {
        return ratedCount == 0 ? 0 : scoreSum / ratedCount;
    }

    public Duration length() {
        return Duration.between(windowStart, windowEnd);
    }

    /** The split by source and language, null when the window does not know it (a backtest). */
    public AlertBreakdown breakdown() {
        return bySource.isEmpty() && byLanguage.isEmpty() ? null : new AlertBreakdown(bySource, byLanguage);
    }

    /** The same statistics without the examples: what the history keeps. */
    public WindowStats withoutSamples() {
        return sampleMentionIds.isEmpty() && topMentions.isEmpty() ? this
                : new WindowStats(watchId, windowStart, windowEnd, volume, ratedCount, negativeCount, scoreSum,
                List.of(), distinctStories, reachSum, maxNegativeReach, crisisTermHits, bySource, byLanguage, List.of());
    }
}
