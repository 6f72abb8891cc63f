package io.vigie.alert.window;

import io.vigie.contracts.SentimentLabel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class MentionTallyTests {

    private static final SentimentLabel[] LABELS = {SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL,
            SentimentLabel.POSITIVE, SentimentLabel.UNSUPPORTED, null};
    private static final String[] SOURCES = {"reddit", "rss", "trustpilot", null};
    private static final String[] LANGUAGES = {"fr", "en", null};

    private static List<MentionSignal> randomSignals(Random random, int count) {
        List<MentionSignal> signals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SentimentLabel label = LABELS[random.nextInt(LABELS.length)];
            signals.add(new MentionSignal("m" + random.nextInt(count * 2), label,
                    label == null || random.nextInt(5) == 0 ? null : random.nextDouble() * 2 - 1,
                    random.nextInt(4) == 0 ? null : String.format("%016x", random.nextLong() % 40),
                    SOURCES[random.nextInt(SOURCES.length)], LANGUAGES[random.nextInt(LANGUAGES.length)],
                    random.nextInt(3) == 0 ? null : (long) random.nextInt(100_000) - 10, null, "t", random.nextInt(3)));
        }
        return signals;
    }

    private static MentionSignal copyOf(int story, int copy) {
        return new MentionSignal("m" + story + "-" + copy, SentimentLabel.NEGATIVE, -0.8,
                String.format("%016x", 0x5150_0000_0000_0000L + story), "rss", "fr", 10L, null, "t", 0);
    }

    @Test
    void syndicatedCopiesCountOnceInABusyWindowAsInAQuietOne() {
        // The same dispatch taken up by four outlets: a quiet window (below the exact limit) and a busy one.
        for (int stories : new int[] {100, 2_000}) {
            List<MentionSignal> copies = new ArrayList<>();
            for (int copy = 0; copy < 4; copy++) {
                for (int story = 0; story < stories; story++) {
                    copies.add(copyOf(story, copy));
                }
            }
            MentionTally tally = MentionTally.EMPTY;
            for (int from = 0; from < copies.size(); from += 37) {
                tally = tally.addAll(copies.subList(from, Math.min(copies.size(), from + 37)), 5);
            }
            assertThat(tally.volume()).isEqualTo(4L * stories);
            if (stories < StoryFingerprints.EXACT_LIMIT) {
                assertThat(tally.distinctStories()).isEqualTo(stories);
            } else {
                assertThat((double) tally.distinctStories()).as("distinct stories of %d", stories)
                        .isCloseTo(stories, org.assertj.core.data.Percentage.withPercentage(14));
            }
        }
    }

    @Test
    void mentionsWithoutAFingerprintEachCountAsAStoryBesideASketch() {
        MentionTally tally = MentionTally.EMPTY;
        for (int story = 0; story < 1_000; story++) {
            tally = tally.add(copyOf(story, 0), 5);
        }
        long before = tally.distinctStories();
        List<MentionSignal> unfingerprinted = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            unfingerprinted.add(new MentionSignal("u" + i, SentimentLabel.NEUTRAL, 0.0, null, "rss", "fr", 1L, null, "t", 0));
        }
        unfingerprinted.add(copyOf(5, 1));
        MentionTally after = tally.addAll(unfingerprinted, 5);
        assertThat(after.fingerprints().isSketch()).isTrue();
        assertThat(after.distinctStories() - before).as("30 without a fingerprint, 1 copy of a known story")
                .isBetween(30L, 31L);
    }

    @Test
    void aBatchAddsUpToTheSameTallyAsItsSignalsOneByOne() {
        Random random = new Random(20261126);
        for (int round = 0; round < 300; round++) {
            MentionTally before = MentionTally.EMPTY;
            for (MentionSignal signal : randomSignals(random, random.nextInt(20))) {
                before = before.add(signal, 5);
            }
            List<MentionSignal> batch = randomSignals(random, 1 + random.nextInt(60));
            int samples = random.nextInt(7);

            MentionTally oneByOne = before;
            for (MentionSignal signal : batch) {
                oneByOne = oneByOne.add(signal, samples);
            }
            MentionTally batched = before.addAll(batch, samples);

            // A mention id seen again after it left the top mentions may come back one by one, not in a batch: the top
            // mentions are compared exactly when no id repeats (a mention is delivered again only with the same data).
            assertThat(batched.volume()).isEqualTo(oneByOne.volume());
            assertThat(batched.ratedCount()).isEqualTo(oneByOne.ratedCount());
            assertThat(batched.negativeCount()).isEqualTo(oneByOne.negativeCount());
            assertThat(batched.scoreSum()).isCloseTo(oneByOne.scoreSum(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(batched.negativeSampleIds()).isEqualTo(oneByOne.negativeSampleIds());
            assertThat(batched.otherSampleIds()).isEqualTo(oneByOne.otherSampleIds());
            assertThat(batched.distinctStories()).isEqualTo(oneByOne.distinctStories());
            assertThat(batched.fingerprints()).isEqualTo(oneByOne.fingerprints());
            assertThat(batched.reachSum()).isEqualTo(oneByOne.reachSum());
            assertThat(batched.maxNegativeReach()).isEqualTo(oneByOne.maxNegativeReach());
            assertThat(batched.crisisTermHits()).isEqualTo(oneByOne.crisisTermHits());
            assertThat(batched.bySource()).isEqualTo(oneByOne.bySource());
            assertThat(batched.byLanguage()).isEqualTo(oneByOne.byLanguage());
            assertThat(batched.topMentions()).hasSameSizeAs(oneByOne.topMentions());
            java.util.Set<String> ids = new java.util.HashSet<>();
            before.topMentions().forEach(m -> ids.add(m.id()));
            if (batch.stream().allMatch(signal -> ids.add(signal.mentionId()))) {
                assertThat(batched.topMentions()).isEqualTo(oneByOne.topMentions());
            }
        }
    }

    /** addAll as first written (every candidate sorted, counts through a HashMap): what the faster one must give. */
    private static MentionTally sortedReference(MentionTally t, List<MentionSignal> mentions, int maxSamples) {
        java.util.Map<String, Long> sources = new java.util.HashMap<>(t.bySource());
        java.util.Map<String, Long> languages = new java.util.HashMap<>(t.byLanguage());
        List<io.vigie.contracts.AlertMention> top = new ArrayList<>(t.topMentions());
        java.util.Set<String> topIds = new java.util.HashSet<>();
        top.forEach(m -> topIds.add(m.id()));
        for (MentionSignal mention : mentions) {
            sources.merge(mention.source() == null ? "unknown" : mention.source(), 1L, Long::sum);
            languages.merge(mention.language() == null ? "und" : mention.language(), 1L, Long::sum);
            if (maxSamples > 0 && mention.mentionId() != null && topIds.add(mention.mentionId())) {
                top.add(mention.toAlertMention());
            }
        }
        if (top.size() != t.topMentions().size()) {
            top.sort(java.util.Comparator
                    .comparing((io.vigie.contracts.AlertMention m) -> m.label() != SentimentLabel.NEGATIVE)
                    .thenComparing(m -> m.reach() == null ? 0L : m.reach(), java.util.Comparator.reverseOrder()));
            top = top.size() > maxSamples ? top.subList(0, maxSamples) : top;
        }
        MentionTally counted = t.addAll(mentions, maxSamples);
        return new MentionTally(counted.volume(), counted.ratedCount(), counted.negativeCount(), counted.scoreSum(),
                counted.negativeSampleIds(), counted.otherSampleIds(), counted.distinctStories(),
                counted.fingerprints(), counted.reachSum(), counted.maxNegativeReach(), counted.crisisTermHits(),
                sources, languages, top);
    }

    @Test
    void topMentionsAndCountsAreWhatSortingEveryCandidateGave() {
        Random random = new Random(20261129);
        for (int round = 0; round < 500; round++) {
            MentionTally tally = MentionTally.EMPTY;
            int samples = random.nextInt(7);
            for (int batch = random.nextInt(6); batch >= 0; batch--) {
                // Ids repeat within and across batches, reach ties are common: the stable order is what is compared.
                List<MentionSignal> signals = new ArrayList<>();
                for (MentionSignal signal : randomSignals(random, random.nextInt(40))) {
                    signals.add(random.nextInt(3) == 0 ? signal : new MentionSignal(signal.mentionId(),
                            signal.label(), signal.score(), signal.fingerprint(), signal.source(), signal.language(),
                            signal.reach() == null ? null : signal.reach() % 4, signal.url(), signal.title(),
                            signal.crisisHits()));
                }
                MentionTally expected = sortedReference(tally, signals, samples);
                tally = tally.addAll(signals, samples);
                assertThat(tally).isEqualTo(expected);
            }
        }
    }

    @Test
    void aBatchOfDistinctMentionsKeepsTheSameMostTellingMentions() {
        List<MentionSignal> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(new MentionSignal("m" + i, i % 7 == 0 ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL, 0.0,
                    null, "rss", "fr", (long) (i * 37 % 101), null, "t", 0));
        }
        MentionTally oneByOne = MentionTally.EMPTY;
        for (MentionSignal signal : batch) {
            oneByOne = oneByOne.add(signal, 5);
        }
        assertThat(MentionTally.EMPTY.addAll(batch, 5)).isEqualTo(oneByOne);
        assertThat(oneByOne.topMentions()).extracting(m -> m.id()).containsExactly("m21", "m7", "m28", "m14", "m0");
    }
}
