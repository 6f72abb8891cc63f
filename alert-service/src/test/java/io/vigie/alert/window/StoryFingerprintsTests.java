package io.vigie.alert.window;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoryFingerprintsTests {

    @Test
    void upToTheLimitTheSetIsExactAndTheNextDistinctFingerprintMakesItASketch() {
        StoryFingerprints set = StoryFingerprints.NONE;
        for (int i = 0; i < StoryFingerprints.EXACT_LIMIT; i++) {
            set = set.with(i * 31L).with(i * 31L);
        }
        assertThat(set.isSketch()).isFalse();
        assertThat(set.count()).isEqualTo(StoryFingerprints.EXACT_LIMIT);
        assertThat(set.contains(31L)).isTrue();
        assertThat(set.with(31L)).isSameAs(set);

        StoryFingerprints sketch = set.with(-1L);
        assertThat(sketch.isSketch()).isTrue();
        assertThat(sketch.size()).isZero();
        assertThat(sketch.registers()).hasSize(StoryFingerprints.REGISTERS);
        assertThat(sketch.count()).isBetween(120L, 138L);
        assertThat(sketch.with(-1L).with(31L)).as("fingerprints already counted change no register").isSameAs(sketch);
    }

    @Test
    void theSketchEstimatesHowManyDistinctStoriesWithinAFewPercent() {
        Random random = new Random(20261129);
        for (int distinct : new int[] {200, 1_000, 5_000, 40_000}) {
            long[] fingerprints = new long[distinct];
            for (int i = 0; i < distinct; i++) {
                fingerprints[i] = random.nextLong();
            }
            StoryFingerprints.Builder builder = StoryFingerprints.NONE.builder();
            for (int copy = 0; copy < 3; copy++) {
                for (long fingerprint : fingerprints) {
                    builder.add(fingerprint);
                }
            }
            // 1.04 / sqrt(512) = 4.6 %: three standard errors.
            assertThat((double) builder.build().count()).as("%d distinct, each seen three times", distinct)
                    .isCloseTo(distinct, org.assertj.core.data.Percentage.withPercentage(14));
        }
    }

    @Test
    void similarSimHashesAreSpreadBeforeTheyReachTheSketch() {
        // Near-duplicate texts give SimHashes that differ in a few bits: the sketch must still count them apart.
        StoryFingerprints.Builder builder = StoryFingerprints.NONE.builder();
        for (long i = 0; i < 3_000; i++) {
            builder.add(0x7a3c_0000_0000_0000L | i);
        }
        assertThat((double) builder.build().count()).isCloseTo(3_000, org.assertj.core.data.Percentage.withPercentage(14));
    }

    @Test
    void aBatchBuildsTheSameSetAsOneAtATimeAndLeavesItsStartAsItWas() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            StoryFingerprints start = StoryFingerprints.NONE;
            for (int i = random.nextInt(200); i > 0; i--) {
                start = start.with(random.nextInt(300));
            }
            byte[] startRegisters = start.registers();
            long startCount = start.count();
            StoryFingerprints oneAtATime = start;
            StoryFingerprints.Builder batch = start.builder();
            for (int i = random.nextInt(150); i > 0; i--) {
                long fingerprint = random.nextInt(300);
                oneAtATime = oneAtATime.with(fingerprint);
                batch.add(fingerprint);
            }
            assertThat(batch.build()).isEqualTo(oneAtATime);
            assertThat(start.count()).isEqualTo(startCount);
            assertThat(start.registers()).isEqualTo(startRegisters);
        }
    }

    @Test
    void anExactSetGivenMoreThanTheLimitIsASketchOfTheSameFingerprints() {
        long[] many = new long[300];
        StoryFingerprints.Builder builder = StoryFingerprints.NONE.builder();
        for (int i = 0; i < many.length; i++) {
            many[i] = i * 0x9E3779B97F4A7C15L;
            builder.add(many[i]);
        }
        assertThat(StoryFingerprints.of(many)).isEqualTo(builder.build());
        assertThat(StoryFingerprints.sketch(builder.build().registers())).isEqualTo(builder.build());
    }

    @Test
    void registersThatNoSketchCouldHoldAreRefused() {
        assertThatThrownBy(() -> StoryFingerprints.sketch(new byte[100])).hasMessageContaining("512 registers");
        byte[] registers = new byte[StoryFingerprints.REGISTERS];
        registers[3] = 57;
        assertThatThrownBy(() -> StoryFingerprints.sketch(registers)).hasMessageContaining("out of range: 57");
        registers[3] = -2;
        assertThatThrownBy(() -> StoryFingerprints.sketch(registers)).hasMessageContaining("out of range: -2");
    }
}
