package io.vigie.alert.window;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vigie.contracts.AlertMention;
import io.vigie.contracts.SentimentLabel;

import java.util.ArrayList;
import java.util.Comparator;
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
 *                          of one story count once; past {@link StoryFingerprints#EXACT_LIMIT} fingerprints, what
 *                          the sketch's estimate grew by (tallies written before the sketch counted every mention
 *                          past 256 fingerprints as a new story)
 * @param fingerprints      the fingerprints seen: exactly, then as a sketch
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
     * The top mentions are kept as a stable sort of the old and new ones cut to {@code maxSamples} would keep them,
     * without sorting them all: a new mention is placed only when it beats the last one kept.
     */
    public MentionTally addAll(List<MentionSignal> mentions, int maxSamples) {
        long newVolume = volume, newRated = ratedCount, newNegative = negativeCount, newStories = distinctStories;
        long newReach = reachSum, newMaxNegativeReach = maxNegativeReach, newCrisis = crisisTermHits;
        double newScoreSum = scoreSum;
        List<String> negatives = new ArrayList<>(negativeSampleIds);
        List<String> others = new ArrayList<>(otherSampleIds);
        StoryFingerprints.Builder seen = fingerprints.builder();
        long withoutFingerprint = 0;
        Counts sources = new Counts(bySource);
        Counts languages = new Counts(byLanguage);
        List<AlertMention> top = null;
        java.util.Set<String> topIds = null;
        for (MentionSignal mention : mentions) {
            boolean negative = mention.negative();
            appendTo(negative ? negatives : others, mention.mentionId(), maxSamples);
            String fingerprint = mention.fingerprint();
            if (fingerprint == null) {
                withoutFingerprint++;
            } else {
                seen.add(StoryFingerprints.numberOf(fingerprint));
            }
            long reach = mention.reach() == null ? 0 : Math.max(0, mention.reach());
            newVolume++;
            newRated += mention.rated() ? 1 : 0;
            newNegative += negative ? 1 : 0;
            newScoreSum += mention.rated() && mention.score() != null ? mention.score() : 0;
            newReach += reach;
            newMaxNegativeReach = negative ? Math.max(newMaxNegativeReach, reach) : newMaxNegativeReach;
            newCrisis += mention.crisisHits() > 0 ? 1 : 0;
            sources.add(mention.source() == null ? UNKNOWN_SOURCE : mention.source());
            languages.add(mention.language() == null ? UNKNOWN_LANGUAGE : mention.language());
            if (maxSamples > 0 && mention.mentionId() != null) {
                if (topIds == null) {
                    topIds = new java.util.HashSet<>();
                    for (AlertMention kept : topMentions) {
                        topIds.add(kept.id());
                    }
                }
                if (topIds.add(mention.mentionId())) {
                    if (top == null) {
                        top = new ArrayList<>(topMentions);
                        top.sort(MOST_TELLING);
                        while (top.size() > maxSamples) {
                            top.remove(top.size() - 1);
                        }
                    }
                    offer(top, mention, maxSamples);
                }
            }
        }
        StoryFingerprints stories = seen.build();
        // A sketch's estimate may move down by a little as it fills: the count only takes what it grew by.
        newStories += withoutFingerprint + Math.max(0, stories.count() - fingerprints.count());
        return new MentionTally(newVolume, newRated, newNegative, newScoreSum, negatives, others, newStories, stories,
                newReach, newMaxNegativeReach, newCrisis, sources.toMap(), languages.toMap(),
                top == null ? topMentions : top);
    }

    /** Places the mention after every kept one it does not beat (a stable sort's place), if that is in the top. */
    private static void offer(List<AlertMention> top, MentionSignal mention, int maxSamples) {
        int position = top.size();
        while (position > 0 && moreTelling(mention, top.get(position - 1))) {
            position--;
        }
        if (position >= maxSamples) {
            return;
        }
        top.add(position, mention.toAlertMention());
        if (top.size() > maxSamples) {
            top.remove(top.size() - 1);
        }
    }

    /** Whether {@link #MOST_TELLING} puts the mention strictly before the kept one. */
    private static boolean moreTelling(MentionSignal mention, AlertMention kept) {
        boolean negative = mention.negative();
        if (negative != (kept.label() == SentimentLabel.NEGATIVE)) {
            return negative;
        }
        return (mention.reach() == null ? 0L : mention.reach()) > (kept.reach() == null ? 0L : kept.reach());
    }

    /**
     * A tally's counts per key plus a batch's, made one immutable map at the end: copying the map into a HashMap and
     * back for every batch was a third of the cost of adding one (JFR, live bench).
     */
    private static final class Counts {

        private final Map<String, Long> before;
        private String[] keys = new String[4];
        private long[] added = new long[4];
        private int size;

        Counts(Map<String, Long> before) {
            this.before = before;
        }

        void add(String key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    added[i]++;
                    return;
                }
            }
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                added = java.util.Arrays.copyOf(added, size * 2);
            }
            keys[size] = key;
            added[size++] = 1;
        }

        Map<String, Long> toMap() {
            if (size == 0) {
                return before;
            }
            List<Map.Entry<String, Long>> entries = new ArrayList<>(before.size() + size);
            boolean[] merged = new boolean[size];
            for (Map.Entry<String, Long> entry : before.entrySet()) {
                long count = entry.getValue();
                for (int i = 0; i < size; i++) {
                    if (!merged[i] && keys[i].equals(entry.getKey())) {
                        count += added[i];
                        merged[i] = true;
                        break;
                    }
                }
                entries.add(Map.entry(entry.getKey(), count));
            }
            for (int i = 0; i < size; i++) {
                if (!merged[i]) {
                    entries.add(Map.entry(keys[i], added[i]));
                }
            }
            @SuppressWarnings("unchecked")
            Map.Entry<String, Long>[] array = entries.toArray(new Map.Entry[0]);
            return Map.ofEntries(array);
        }
    }

    private static void appendTo(List<String> ids, String id, int max) {
        if (ids.size() < max && id != null && !ids.contains(id)) {
            ids.add(id);
        }
    }
}
