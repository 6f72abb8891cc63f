package io.vigie.alert.stream;

import io.vigie.alert.detect.AlertMemory;
import io.vigie.alert.detect.Incident;
import io.vigie.alert.window.MentionSignal;
import io.vigie.alert.window.MentionTally;
import io.vigie.alert.window.StoryFingerprints;
import io.vigie.alert.window.WindowClosing;
import io.vigie.contracts.AlertMention;
import io.vigie.contracts.SentimentLabel;
import io.vigie.contracts.Severity;
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
    /** The tally as versions before the binary form stored it, through the data binding: fingerprints as strings. */
    record LegacyTally(long volume, long ratedCount, long negativeCount, double scoreSum,
                       List<String> negativeSampleIds, List<String> otherSampleIds,
                       long distinctStories, List<String> fingerprints, long reachSum, long maxNegativeReach,
                       long crisisTermHits, Map<String, Long> bySource, Map<String, Long> byLanguage,
                       List<AlertMention> topMentions) {
    }

    private static final List<String> SAMPLE_FINGERPRINTS = List.of("00000000000000f1", "ffffffffffffff02", "not hex é");

    private static MentionTally sample() {
        return new MentionTally(42, 40, 7, -3.25, List.of("n1", "n2"), List.of("o1"), 30,
                MentionTallySerde.fingerprints(SAMPLE_FINGERPRINTS),
                12_345, 999, 2, Map.of("news", 30L, "reddit", 12L), Map.of("fr", 40L, "und", 2L),
                sampleMentions());
    }

    private static List<AlertMention> sampleMentions() {
        return List.of(new AlertMention("n1", "https://x/1", "Title \"q\"", "news", "fr", SentimentLabel.NEGATIVE, 999L),
                new AlertMention("o1", null, null, null, null, null, null),
                new AlertMention("o2", "u", "t", "s", "en", SentimentLabel.UNSUPPORTED, 0L));
    }

    @Test
    void readsWhatTheDataBindingWroteBeforeTheBinaryForm() {
        LegacyTally legacy = new LegacyTally(42, 40, 7, -3.25, List.of("n1", "n2"), List.of("o1"), 30,
                SAMPLE_FINGERPRINTS, 12_345, 999, 2, Map.of("news", 30L, "reddit", 12L), Map.of("fr", 40L, "und", 2L),
                sampleMentions());
        byte[] written = JsonSerdes.of(LegacyTally.class).serializer().serialize("t", legacy);
        assertThat(fast.deserializer().deserialize("t", written)).isEqualTo(sample());
    }

    @Test
    void readsTheFirstBinaryFormWithFingerprintsAsStrings() {
        MentionTally tally = sample();
        byte[] current = fast.serializer().serialize("t", tally);
        // V1 = the same layout with the fingerprints as length-prefixed UTF-8 strings instead of 8-byte numbers.
        int fingerprintsAt = 1 + 8 * 3 + 8 + stringsLength(tally.negativeSampleIds()) + stringsLength(tally.otherSampleIds()) + 8;
        int fingerprintsEnd = fingerprintsAt + 4 + 8 * tally.fingerprints().size();
        java.io.ByteArrayOutputStream v1 = new java.io.ByteArrayOutputStream();
        v1.write(current, 0, fingerprintsAt);
        v1.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(SAMPLE_FINGERPRINTS.size()).array());
        for (String fingerprint : SAMPLE_FINGERPRINTS) {
            byte[] utf8 = fingerprint.getBytes(StandardCharsets.UTF_8);
            v1.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(utf8.length).array());
            v1.writeBytes(utf8);
        }
        v1.write(current, fingerprintsEnd, current.length - fingerprintsEnd);
        byte[] written = v1.toByteArray();
        written[0] = MentionTallySerde.BINARY_V1;
        assertThat(fast.deserializer().deserialize("t", written)).isEqualTo(tally);
    }

    @Test
    void readsTheSecondBinaryFormWhoseFingerprintsWereAlwaysNumbers() {
        // V2 = V3's layout for a set held exactly (V3 adds only the sketch's count of -1 and its registers).
        MentionTally tally = sample();
        byte[] written = fast.serializer().serialize("t", tally);
        written[0] = MentionTallySerde.BINARY_V2;
        assertThat(fast.deserializer().deserialize("t", written)).isEqualTo(tally);
    }

    @Test
    void aCorruptSketchIsAClearErrorNotAWrongCount() {
        MentionTally sketched = MentionTally.EMPTY;
        for (int i = 0; i <= StoryFingerprints.EXACT_LIMIT; i++) {
            sketched = sketched.add(new MentionSignal("s" + i, SentimentLabel.NEUTRAL, 0.0, String.format("%016x", i),
                    null, null, null, null, null, 0), 5);
        }
        byte[] written = MentionTallySerde.writeBinary(sketched);
        int registersAt = 1 + 8 * 3 + 8 + stringsLength(sketched.negativeSampleIds())
                + stringsLength(sketched.otherSampleIds()) + 8 + 4;
        assertThat(java.nio.ByteBuffer.wrap(written, registersAt - 4, 4).getInt()).as("the sketch's marker").isEqualTo(-1);
        written[registersAt + 7] = 99;
        assertThatThrownBy(() -> MentionTallySerde.readBinary(written))
                .hasStackTraceContaining("story sketch register out of range: 99");
        assertThatThrownBy(() -> MentionTallySerde.readBinary(java.util.Arrays.copyOf(written, registersAt + 100)))
                .hasStackTraceContaining("past the end");
    }

    private static int stringsLength(List<String> strings) {
        return 4 + strings.stream().mapToInt(s -> 4 + s.getBytes(StandardCharsets.UTF_8).length).sum();
    }

    @Test
    void fingerprintsAreKeptAsTheNumbersTheirHexDigitsSpell() {
        MentionTally tally = MentionTally.EMPTY;
        for (String fingerprint : List.of("00000000000000ff", "00000000000000FF", "8000000000000000", "00000000000000ff")) {
            tally = tally.add(new MentionSignal("m-" + tally.volume(), SentimentLabel.NEUTRAL, 0.0, fingerprint,
                    null, null, null, null, null, 0), 5);
        }
        assertThat(tally.volume()).isEqualTo(4);
        assertThat(tally.distinctStories()).as("ff and FF are one story").isEqualTo(2);
        assertThat(tally.fingerprints().toHexStrings()).containsExactly("8000000000000000", "00000000000000ff");
    }

    @Test
    void writesACompactBinaryFormItReadsBackExactly() {
        MentionTally big = sample();
        for (int i = 0; big.fingerprints().size() < StoryFingerprints.EXACT_LIMIT; i++) {
            big = big.add(new MentionSignal("m" + i, SentimentLabel.NEUTRAL, 0.0, String.format("%016x", i * 7919L),
                    "rss", "fr", 10L, "https://x/" + i, "Titre é " + i, 0), 5);
        }
        MentionTally sketched = big;
        for (int i = 0; i < 3 * StoryFingerprints.EXACT_LIMIT; i++) {
            sketched = sketched.add(new MentionSignal("s" + i, SentimentLabel.NEUTRAL, 0.0,
                    String.format("%016x", 1_000_003L * i), "rss", "fr", 10L, "https://x/s" + i, "Titre " + i, 0), 5);
        }
        assertThat(big.fingerprints().isSketch()).isFalse();
        assertThat(sketched.fingerprints().isSketch()).isTrue();
        for (MentionTally tally : List.of(sample(), MentionTally.EMPTY, big, sketched)) {
            byte[] written = fast.serializer().serialize("t", tally);
            assertThat(written[0]).isEqualTo(MentionTallySerde.BINARY_V3);
            assertThat(fast.deserializer().deserialize("t", written)).isEqualTo(tally);
            if (!tally.fingerprints().isSketch()) {
                assertThat(written.length).as("binary vs the JSON form").isLessThan(MentionTallySerde.write(tally).length);
            }
        }
        assertThat(MentionTallySerde.writeBinary(sketched).length).as("a sketch of 384 stories vs 128 kept exactly")
                .isLessThan(MentionTallySerde.writeBinary(big).length);
    }

    @Test
    void aTallyJustWrittenIsReadBackWithoutDecodingAndOtherBytesAreDecoded() {
        MentionTally tally = sample();
        byte[] written = fast.serializer().serialize("t", tally);
        assertThat(fast.deserializer().deserialize("t", written.clone())).isSameAs(tally);

        MentionTally other = tally.add(new MentionSignal("m-x", SentimentLabel.NEGATIVE, -0.5), 5);
        byte[] otherBytes = MentionTallySerde.writeBinary(other);
        MentionTally decoded = fast.deserializer().deserialize("t", otherBytes);
        assertThat(decoded).isNotSameAs(other).isEqualTo(other);
    }

    @Test
    void stringsEncodedBeforeAreWrittenAsTheyWouldBeEncodedNow() {
        // Two slots: the tallies' many strings keep evicting each other, and every string is found or encoded again.
        var encoded = new MentionTallySerde.EncodedStrings(2);
        MentionTally tally = sample();
        for (int i = 0; i < 40; i++) {
            tally = tally.add(new MentionSignal("m" + i, i % 3 == 0 ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL,
                    -0.2, null, i % 2 == 0 ? "rss" : "reddit", "fr", (long) i, "https://x/" + i,
                    "Titre é… " + i, 0), 5);
            assertThat(MentionTallySerde.writeBinary(tally, encoded)).isEqualTo(MentionTallySerde.writeBinary(tally));
            assertThat(MentionTallySerde.writeBinary(tally, encoded)).isEqualTo(MentionTallySerde.writeBinary(tally));
        }
        String same = "même";
        assertThat(encoded.utf8(same)).isSameAs(encoded.utf8(same)).isEqualTo(same.getBytes(StandardCharsets.UTF_8));
        assertThat(encoded.utf8(new String(same))).isEqualTo(same.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void talliesAlikeInTheirHashedBytesAreStillToldApart() {
        // Same counts and sample ids: the same leading bytes; only the languages, further on, differ.
        MentionTally first = new MentionTally(3, 3, 1, -1, List.of("n1"), List.of("o1"), 3, StoryFingerprints.NONE,
                0, 0, 0, Map.of("rss", 3L), Map.of("fr", 3L), List.of());
        MentionTally second = new MentionTally(3, 3, 1, -1, List.of("n1"), List.of("o1"), 3, StoryFingerprints.NONE,
                0, 0, 0, Map.of("rss", 3L), Map.of("en", 3L), List.of());
        byte[] firstBytes = fast.serializer().serialize("t", first);
        byte[] secondBytes = fast.serializer().serialize("t", second);
        assertThat(java.util.Arrays.copyOf(firstBytes, MentionTallySerde.HASHED_BYTES))
                .isEqualTo(java.util.Arrays.copyOf(secondBytes, MentionTallySerde.HASHED_BYTES));

        assertThat(fast.deserializer().deserialize("t", firstBytes.clone())).isSameAs(first);
        assertThat(fast.deserializer().deserialize("t", secondBytes.clone())).isSameAs(second);
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
        assertThat(read.fingerprints()).isEqualTo(StoryFingerprints.NONE);
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
    void windowClosingsReadBackInBinaryAndStillReadTheJsonOfEarlierVersions() {
        Serde<WindowClosing> fastClosing = new WindowClosingSerde();
        Serde<WindowClosing> boundClosing = JsonSerdes.of(WindowClosing.class);
        for (WindowClosing closing : List.of(
                WindowClosing.opened(Instant.parse("2026-11-01T00:15:00Z"), 1_764_000_000_123L),
                new WindowClosing(Instant.parse("2026-11-01T00:15:00.123456789Z"), Instant.EPOCH, -1),
                new WindowClosing(null, null, 0))) {
            assertThat(fastClosing.deserializer().deserialize("t", boundClosing.serializer().serialize("t", closing)))
                    .isEqualTo(closing);
            assertThat(WindowClosingSerde.write(closing)).isEqualTo(boundClosing.serializer().serialize("t", closing));
            byte[] written = fastClosing.serializer().serialize("t", closing);
            assertThat(written[0]).isEqualTo(WindowClosingSerde.BINARY_V1);
            assertThat(fastClosing.deserializer().deserialize("t", written)).isEqualTo(closing);
        }
        byte[] numeric = "{\"openStart\":1762000000.5,\"completeStart\":null,\"lastMentionMillis\":7}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(fastClosing.deserializer().deserialize("t", numeric))
                .isEqualTo(boundClosing.deserializer().deserialize("t", numeric));
    }

    @Test
    void alertMemoriesReadBackAsWrittenWhetherRememberedOrDecoded() {
        Serde<AlertMemory> bound = JsonSerdes.of(AlertMemory.class);
        Serde<AlertMemory> remembering = new RememberingSerde<>(new AlertMemorySerde());
        Serde<AlertMemory> binary = new AlertMemorySerde();
        Instant start = Instant.parse("2026-11-01T00:15:00Z");
        for (AlertMemory memory : List.of(AlertMemory.empty(), new AlertMemory(start, null),
                new AlertMemory(start.plusSeconds(900), new Incident("w:negative-surge:" + start, "negative-surge",
                        start, Severity.HIGH, start.plusSeconds(900), start, null, "negative_count", 17, 2.5)),
                new AlertMemory(start, new Incident("w:x:" + start, "x", start, Severity.LOW, start, start,
                        start.plusSeconds(1800), "mean_sentiment", -0.123456789012345, 1e-9)))) {
            byte[] written = remembering.serializer().serialize("t", memory);
            assertThat(written[0]).isEqualTo(AlertMemorySerde.BINARY_V1);
            assertThat(remembering.deserializer().deserialize("t", written)).isSameAs(memory);
            assertThat(remembering.deserializer().deserialize("t", written.clone())).isSameAs(memory);
            // Another thread (or a restore) decodes: it must read the same value the remembered one stands for.
            assertThat(binary.deserializer().deserialize("t", written)).isEqualTo(memory);
            // What earlier versions stored (JSON) is still read.
            assertThat(binary.deserializer().deserialize("t", bound.serializer().serialize("t", memory)))
                    .isEqualTo(memory);
        }
        Incident sparse = new Incident(null, null, null, null, null, null, null, null, Double.NaN, -0.0);
        assertThat(binary.deserializer().deserialize("t", binary.serializer().serialize("t",
                new AlertMemory(null, sparse)))).isEqualTo(new AlertMemory(null, sparse));
        assertThatThrownBy(() -> binary.deserializer().deserialize("t", new byte[] {AlertMemorySerde.BINARY_V1, 3}))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
        byte[] unknown = "{\"latestWindowStart\":\"2026-11-01T00:30:00Z\",\"incident\":null}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(remembering.deserializer().deserialize("t", unknown))
                .isEqualTo(new AlertMemory(start.plusSeconds(900), null));
    }
}
