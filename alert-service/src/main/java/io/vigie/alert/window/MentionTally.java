package io.vigie.alert.window;

import java.util.ArrayList;
import java.util.List;

/**
 * Running statistics of the mentions of one watch in one window: the value of the windowed aggregation.
 *
 * @param volume             mentions in the window
 * @param ratedCount         mentions that got a polarity (negative, neutral or positive)
 * @param negativeCount      negative mentions
 * @param scoreSum           sum of the polarity scores, for the mean
 * @param negativeSampleIds  a few negative mention ids, the examples an alert shows first
 * @param otherSampleIds     a few other mention ids, shown when there are not enough negative ones
 */
public record MentionTally(long volume, long ratedCount, long negativeCount, double scoreSum,
                           List<String> negativeSampleIds, List<String> otherSampleIds) {

    public static final MentionTally EMPTY = new MentionTally(0, 0, 0, 0, List.of(), List.of());

    public MentionTally {
        negativeSampleIds = negativeSampleIds == null ? List.of() : List.copyOf(negativeSampleIds);
        otherSampleIds = otherSampleIds == null ? List.of() : List.copyOf(otherSampleIds);
    }

    /** This tally with one more mention, keeping at most {@code maxSamples} example ids of each kind. */
    public MentionTally add(MentionSignal mention, int maxSamples) {
        boolean negative = mention.negative();
        List<String> negatives = negative ? appended(negativeSampleIds, mention.mentionId(), maxSamples) : negativeSampleIds;
        List<String> others = negative ? otherSampleIds : appended(otherSampleIds, mention.mentionId(), maxSamples);
        return new MentionTally(volume + 1,
                ratedCount + (mention.rated() ? 1 : 0),
                negativeCount + (negative ? 1 : 0),
                scoreSum + (mention.rated() && mention.score() != null ? mention.score() : 0),
                negatives, others);
    }

    private static List<String> appended(List<String> ids, String id, int max) {
        if (ids.size() >= max || id == null || ids.contains(id)) {
            return ids;
        }
        List<String> copy = new ArrayList<>(ids);
        copy.add(id);
        return copy;
    }
}
