package io.vigie.alert.window;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vigie.contracts.AlertMention;
import io.vigie.contracts.SentimentLabel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Running statistics of the mentions of one watch in one window: the value of the windowed aggregation, stored in the
 * window store (binary; JSON before, still read: see MentionTallySerde). Fields added after the first version read as
 * 0 or empty from older stored tallies.
 *
 * @param volume            mentions in the window
 * @param ratedCount        mentions that got a polarity (negative, neutral or positive)
 * @param negativeCount     negative mentions
 * @param scoreSum          sum of the polarity scores, for the mean
 * @param negativeSampleIds a few negative mention ids, the examples an alert shows first
 * @param otherSampleIds    a few other mention ids, shown when there are not enough negative ones
 * @param distinctStories   mentions with a fingerprint not seen before in the window (or none): syndicated copies
 *                          of one story count once
 * @param fingerprints      the fingerprints seen, at most {@link #MAX_FINGERPRINTS}; past that, every mention counts
 *                          as a new story (an upper bound, so a huge window still looks huge)
 * @param reachSum          sum of the authors' reach, where known
 * @param maxNegativeReach  largest reach of the author of a negative mention
 * @param crisisTermHits    mentions containing at least one crisis term
 * @param bySource          mentions per source type
 * @param byLanguage        mentions per language ({@code und} when unknown)
 * @param topMentions       the most telling mentions: negative first, then by reach
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionTally(long volume, long ratedCount, long negativeCount, double scoreSum,
                           List<String> negativeSampleIds, List<String> otherSampleIds,
                           long distinctStories, StoryFingerprints fingerprints, long reachSum, long maxNegativeReach,
                           long crisisTermHits, Map<String, Long> bySource, Map<String, Long> byLanguage,
                           List<AlertMention> topMentions) {

    /** Bounds the stored size of one window; a window with more distinct stories than this is far above any baseline. */
    public static final int MAX_FINGERPRINTS = 256;

    public static final MentionTally EMPTY = new MentionTally(0, 0, 0, 0, List.of(), List.of(), 0, StoryFingerprints.NONE, 0, 0, 0,
            Map.of(), Map.of(), List.of());

    static final String UNKNOWN_LANGUAGE = "und";
    static final String UNKNOWN_SOURCE = "unknown";

    /** Negative first, then the widest audience: what a person should open first. */
    private static final Comparator<AlertMention> MOST_TELLING = Comparator
            .comparing((AlertMention m) -> m.label() != SentimentLabel.NEGATIVE)
            .thenComparing(m -> m.reach() == null ? 0L : m.reach(), Comparator.reverseOrder());

    public MentionTally {
        negativeSampleIds = negativeSampleIds == null ? List.of() : List.copyOf(negativeSampleIds);
        otherSampleIds = otherSampleIds == null ? List.of() : List.copyOf(otherSampleIds);
        fingerprints = fingerprints == null ? StoryFingerprints.NONE : fingerprints;
        bySource = bySource == null ? Map.of() : Map.copyOf(bySource);
        byLanguage = byLanguage == null ? Map.of() : Map.copyOf(byLanguage);
        topMentions = topMentions == null ? List.of() : List.copyOf(topMentions);
    }

    /** This tally with one more mention, keeping at most {@code maxSamples} example ids of each kind. */
    public MentionTally add(MentionSignal mention, int maxSamples) {
        return addAll(List.of(mention), maxSamples);
    }

    /**
     * This tally with the mentions of a batch, as if added one by one with {@link #add}, but copying the lists and
     * counts once for the batch. One difference: a mention id already among the top mentions is not taken again,
     * where one by one it could have been cut and then come back (a mention delivered twice has the same data).
     */
    public MentionTally addAll(List<MentionSignal> mentions, int maxSamples) {
        long newVolume = volume, newRated = ratedCount, newNegative = negativeCount, newStories = distinctStories;
        long newReach = reachSum, newMaxNegativeReach = maxNegativeReach, newCrisis = crisisTermHits;
        double newScoreSum = scoreSum;
        List<String> negatives = new ArrayList<>(negativeSampleIds);
        List<String> others = new ArrayList<>(otherSampleIds);
        StoryFingerprints seen = fingerprints;
        Map<String, Long> sources = new HashMap<>(bySource);
        Map<String, Long> languages = new HashMap<>(byLanguage);
        List<AlertMention> top = new ArrayList<>(topMentions);
        java.util.Set<String> topIds = new java.util.HashSet<>();
        top.forEach(m -> topIds.add(m.id()));
        for (MentionSignal mention : mentions) {
            boolean negative = mention.negative();
            appendTo(negative ? negatives : others, mention.mentionId(), maxSamples);
            String fingerprint = mention.fingerprint();
            long story = fingerprint == null ? 0 : StoryFingerprints.numberOf(fingerprint);
            boolean newStory = fingerprint == null || !seen.contains(story);
            if (fingerprint != null && newStory && seen.size() < MAX_FINGERPRINTS) {
                seen = seen.with(story);
            }
            long reach = mention.reach() == null ? 0 : Math.max(0, mention.reach());
            newVolume++;
            newRated += mention.rated() ? 1 : 0;
            newNegative += negative ? 1 : 0;
            newScoreSum += mention.rated() && mention.score() != null ? mention.score() : 0;
            newStories += newStory ? 1 : 0;
            newReach += reach;
            newMaxNegativeReach = negative ? Math.max(newMaxNegativeReach, reach) : newMaxNegativeReach;
            newCrisis += mention.crisisHits() > 0 ? 1 : 0;
            sources.merge(mention.source() == null ? UNKNOWN_SOURCE : mention.source(), 1L, Long::sum);
            languages.merge(mention.language() == null ? UNKNOWN_LANGUAGE : mention.language(), 1L, Long::sum);
            if (maxSamples > 0 && mention.mentionId() != null && topIds.add(mention.mentionId())) {
                top.add(mention.toAlertMention());
            }
        }
        if (top.size() == topMentions.size()) {
            top = topMentions;
        } else {
            top.sort(MOST_TELLING);
            top = top.size() > maxSamples ? top.subList(0, maxSamples) : top;
        }
        return new MentionTally(newVolume, newRated, newNegative, newScoreSum, negatives, others, newStories, seen,
                newReach, newMaxNegativeReach, newCrisis, sources, languages, top);
    }

    private static void appendTo(List<String> ids, String id, int max) {
        if (ids.size() < max && id != null && !ids.contains(id)) {
            ids.add(id);
        }
    }
}
