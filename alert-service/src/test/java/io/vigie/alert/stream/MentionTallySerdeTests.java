package io.vigie.alert.stream;

import io.vigie.alert.window.MentionSignal;
import io.vigie.alert.window.MentionTally;
import io.vigie.alert.window.WindowClosing;
import io.vigie.contracts.AlertMention;
import io.vigie.contracts.SentimentLabel;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MentionTallySerdeTests {

    private final Serde<MentionTally> fast = new MentionTallySerde();
    private final Serde<MentionTally> bound = JsonSerdes.of(MentionTally.class);

    private static MentionTally sample() {
        return new MentionTally(42, 40, 7, -3.25, List.of("n1", "n2"), List.of("o1"), 30, List.of("f1", "f\"2", "é"),
                12_345, 999, 2, Map.of("news", 30L, "reddit", 12L), Map.of("fr", 40L, "und", 2L),
                List.of(new AlertMention("n1", "https://x/1", "Title \"q\"", "news", "fr", SentimentLabel.NEGATIVE, 999L),
                        new AlertMention("o1", null, null, null, null, null, null),
                        new AlertMention("o2", "u", "t", "s", "en", SentimentLabel.UNSUPPORTED, 0L)));
    }

    @Test
    void readsWhatTheDataBindingWrites() {
        for (MentionTally tally : List.of(sample(), MentionTally.EMPTY)) {
            assertThat(fast.deserializer().deserialize("t", bound.serializer().serialize("t", tally))).isEqualTo(tally);
        }
    }

    @Test
    void writesACompactBinaryFormItReadsBackExactly() {
        MentionTally big = sample();
        for (int i = 0; i < MentionTally.MAX_FINGERPRINTS; i++) {
            big = big.add(new MentionSignal("m" + i, SentimentLabel.NEUTRAL, 0.0, String.format("%016x", i * 7919L),
                    "rss", "fr", 10L, "https://x/" + i, "Titre é " + i, 0), 5);
        }
        for (MentionTally tally : List.of(sample(), MentionTally.EMPTY, big)) {
            byte[] written = fast.serializer().serialize("t", tally);
            assertThat(written[0]).isEqualTo(MentionTallySerde.BINARY_V1);
            assertThat(fast.deserializer().deserialize("t", written)).isEqualTo(tally);
            assertThat(written.length).as("binary vs the JSON form").isLessThan(MentionTallySerde.write(tally).length);
        }
    }

    @Test
    void aCorruptBinaryTallyIsASerializationErrorNotAHugeAllocation() {
        byte[] written = fast.serializer().serialize("t", sample());
        byte[] truncated = java.util.Arrays.copyOf(written, written.length / 2);
        byte[] hugeCount = written.clone();
        // The count of negative sample ids follows the version byte, three longs and a double.
        hugeCount[1 + 8 * 4] = 0x7f;
        for (byte[] corrupt : List.of(truncated, hugeCount)) {
            assertThatThrownBy(() -> fast.deserializer().deserialize("t", corrupt))
                    .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                    .hasMessageContaining("binary");
        }
    }

    @Test
    void readsOlderTalliesAndSkipsUnknownFields() {
        String old = "{\"volume\":3,\"ratedCount\":2,\"negativeCount\":1,\"scoreSum\":0.5,\"negativeSampleIds\":[\"a\"],"
                + "\"otherSampleIds\":null,\"later\":{\"x\":[1,2,{\"y\":null}]},\"topMentions\":[{\"id\":\"a\",\"label\":\"negative\",\"extra\":[1]}]}";
        MentionTally read = fast.deserializer().deserialize("t", old.getBytes(StandardCharsets.UTF_8));
        assertThat(read.volume()).isEqualTo(3);
        assertThat(read.scoreSum()).isEqualTo(0.5);
        assertThat(read.negativeSampleIds()).containsExactly("a");
        assertThat(read.otherSampleIds()).isEmpty();
        assertThat(read.distinctStories()).isZero();
        assertThat(read.fingerprints()).isEmpty();
        assertThat(read.topMentions()).containsExactly(
                new AlertMention("a", null, null, null, null, SentimentLabel.NEGATIVE, null));
        assertThat(fast.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void mentionSignalsReadAndWriteLikeTheDataBinding() {
        Serde<MentionSignal> fastSignal = new MentionSignalSerde();
        Serde<MentionSignal> boundSignal = JsonSerdes.of(MentionSignal.class);
        for (MentionSignal signal : List.of(
                new MentionSignal("m1", SentimentLabel.NEGATIVE, -0.75, "fp", "news", "fr", 1200L, "https://x", "T \"é\"", 2),
                new MentionSignal("m2", null, null),
                new MentionSignal("m3", SentimentLabel.UNSUPPORTED, 0.0, null, null, null, 0L, null, null, 0))) {
            assertThat(fastSignal.deserializer().deserialize("t", boundSignal.serializer().serialize("t", signal)))
                    .isEqualTo(signal);
            byte[] written = fastSignal.serializer().serialize("t", signal);
            assertThat(boundSignal.deserializer().deserialize("t", written)).isEqualTo(signal);
            assertThat(fastSignal.deserializer().deserialize("t", written)).isEqualTo(signal);
        }
    }

    @Test
    void windowClosingsReadAndWriteLikeTheDataBinding() {
        Serde<WindowClosing> fastClosing = new WindowClosingSerde();
        Serde<WindowClosing> boundClosing = JsonSerdes.of(WindowClosing.class);
        for (WindowClosing closing : List.of(
                WindowClosing.opened(Instant.parse("2026-11-01T00:15:00Z"), 1_764_000_000_123L),
                new WindowClosing(Instant.parse("2026-11-01T00:15:00.123456789Z"), Instant.EPOCH, -1),
                new WindowClosing(null, null, 0))) {
            assertThat(fastClosing.deserializer().deserialize("t", boundClosing.serializer().serialize("t", closing)))
                    .isEqualTo(closing);
            byte[] written = fastClosing.serializer().serialize("t", closing);
            assertThat(written).isEqualTo(boundClosing.serializer().serialize("t", closing));
            assertThat(boundClosing.deserializer().deserialize("t", written)).isEqualTo(closing);
        }
        byte[] numeric = "{\"openStart\":1762000000.5,\"completeStart\":null,\"lastMentionMillis\":7}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(fastClosing.deserializer().deserialize("t", numeric))
                .isEqualTo(boundClosing.deserializer().deserialize("t", numeric));
    }
}
