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
