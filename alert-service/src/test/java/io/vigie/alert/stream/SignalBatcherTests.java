package io.vigie.alert.stream;

import io.vigie.alert.window.MentionSignal;
import io.vigie.alert.window.SignalBatch;
import io.vigie.contracts.SentimentLabel;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalBatcherTests {

    private static final long T0 = Instant.parse("2026-11-26T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private static MentionSignal signal(String id) {
        return new MentionSignal(id, SentimentLabel.NEGATIVE, -0.5, "00000000000000a1", "reddit", "fr", 12L,
                "https://example.org/" + id, "Titre é \"" + id + "\"", 1);
    }

    @Test
    void signalsOfOneWatchAndSliceTravelTogetherStampedWithTheirLatestTime() {
        SignalBatcher batcher = new SignalBatcher(Duration.ofMinutes(15), 100, 1000);
        assertThat(batcher.add("w1", signal("a"), T0 + 3 * MINUTE)).isNull();
        assertThat(batcher.add("w2", signal("b"), T0 + MINUTE)).isNull();
        assertThat(batcher.add("w1", signal("c"), T0 + MINUTE)).isNull();
        assertThat(batcher.add("w1", signal("d"), T0 + 15 * MINUTE)).as("next slice").isNull();

        List<SignalBatcher.Ready> ready = batcher.takeAll();

        assertThat(ready).extracting(SignalBatcher.Ready::watch).containsExactly("w1", "w2", "w1");
        assertThat(ready.get(0).batch().signals()).extracting(MentionSignal::mentionId).containsExactly("a", "c");
        assertThat(ready.get(0).timestamp()).isEqualTo(T0 + 3 * MINUTE);
        assertThat(ready.get(2).batch().signals()).extracting(MentionSignal::mentionId).containsExactly("d");
        assertThat(batcher.isEmpty()).isTrue();
        assertThat(batcher.takeAll()).isEmpty();
    }

    @Test
    void aFullBatchLeavesAtOnceAndTooMuchPendingAsksForEverythingToGo() {
        SignalBatcher batcher = new SignalBatcher(Duration.ofMinutes(15), 3, 5);
        assertThat(batcher.add("w1", signal("a"), T0)).isNull();
        assertThat(batcher.add("w1", signal("b"), T0)).isNull();
        SignalBatcher.Ready full = batcher.add("w1", signal("c"), T0);
        assertThat(full.batch().signals()).extracting(MentionSignal::mentionId).containsExactly("a", "b", "c");
        assertThat(batcher.isEmpty()).isTrue();

        for (int i = 0; i < 4; i++) {
            batcher.add("w" + i, signal("x" + i), T0);
        }
        assertThat(batcher.full()).isFalse();
        batcher.add("w9", signal("y"), T0);
        assertThat(batcher.full()).isTrue();
        assertThat(batcher.takeAll()).hasSize(5);
        assertThat(batcher.full()).isFalse();
    }

    @Test
    void slicesBeforeTheEpochAreFloored() {
        SignalBatcher batcher = new SignalBatcher(Duration.ofMinutes(15), 100, 1000);
        batcher.add("w", signal("a"), -1);
        batcher.add("w", signal("b"), -15 * MINUTE);
        batcher.add("w", signal("c"), 0);
        assertThat(batcher.takeAll()).extracting(r -> r.batch().size()).containsExactly(2, 1);
    }

    @Test
    void theSliceIsTheLongestDurationThatDividesEveryWindowSize() {
        assertThat(AlertTopology.commonSlice(List.of(Duration.ofMinutes(15), Duration.ofHours(1))))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(AlertTopology.commonSlice(List.of(Duration.ofMinutes(10), Duration.ofMinutes(15))))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(AlertTopology.commonSlice(List.of(Duration.ofHours(1)))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void batchesReadBackExactlyAndASingleSignalOfAnEarlierVersionReadsAsABatchOfOne() {
        SignalBatchSerde serde = new SignalBatchSerde();
        SignalBatch batch = new SignalBatch(List.of(signal("a"), new MentionSignal("b", null, null),
                new MentionSignal("c", SentimentLabel.UNSUPPORTED, 0.0, null, null, null, 0L, null, null, 0)));
        byte[] written = serde.serializer().serialize("t", batch);
        assertThat(written[0]).isEqualTo(SignalBatchSerde.BATCH_V1);
        assertThat(serde.deserializer().deserialize("t", written)).isEqualTo(batch);

        byte[] legacy = new MentionSignalSerde().serializer().serialize("t", signal("old"));
        assertThat(serde.deserializer().deserialize("t", legacy)).isEqualTo(SignalBatch.of(signal("old")));
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void aCorruptBatchIsASerializationError() {
        SignalBatchSerde serde = new SignalBatchSerde();
        byte[] written = serde.serializer().serialize("t", new SignalBatch(List.of(signal("a"), signal("b"))));
        byte[] truncated = Arrays.copyOf(written, written.length - 7);
        byte[] hugeCount = written.clone();
        hugeCount[1] = 0x7f;
        byte[] trailing = Arrays.copyOf(written, written.length + 3);
        for (byte[] corrupt : List.of(truncated, hugeCount, trailing, "{\"mentionId\":".getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> serde.deserializer().deserialize("t", corrupt))
                    .isInstanceOf(SerializationException.class);
        }
    }
}
