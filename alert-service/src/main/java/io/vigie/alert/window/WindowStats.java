package io.vigie.alert.window;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Statistics of one watch over one event-time window: what detectors compare against the history.
 *
 * @param watchId          the watch
 * @param windowStart      start of the window (inclusive)
 * @param windowEnd        end of the window (exclusive)
 * @param volume           mentions in the window
 * @param ratedCount       mentions that got a polarity
 * @param negativeCount    negative mentions
 * @param scoreSum         sum of polarity scores
 * @param sampleMentionIds example mention ids, negative ones first; empty in the stored history
 */
public record WindowStats(String watchId, Instant windowStart, Instant windowEnd, long volume, long ratedCount,
                          long negativeCount, double scoreSum, List<String> sampleMentionIds) {

    public WindowStats {
        sampleMentionIds = sampleMentionIds == null ? List.of() : List.copyOf(sampleMentionIds);
    }

    public static WindowStats of(String watchId, Instant windowStart, Instant windowEnd, MentionTally tally, int samples) {
        List<String> sample = Stream.concat(tally.negativeSampleIds().stream(), tally.otherSampleIds().stream())
                .limit(samples).toList();
        return new WindowStats(watchId, windowStart, windowEnd, tally.volume(), tally.ratedCount(),
                tally.negativeCount(), tally.scoreSum(), sample);
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

    /** The same statistics without the examples: what the history keeps. */
    public WindowStats withoutSamples() {
        return sampleMentionIds.isEmpty() ? this
                : new WindowStats(watchId, windowStart, windowEnd, volume, ratedCount, negativeCount, scoreSum, List.of());
    }
}
