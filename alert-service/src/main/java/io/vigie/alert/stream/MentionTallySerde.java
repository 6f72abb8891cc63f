package io.vigie.alert.stream;

import io.vigie.alert.window.MentionTally;
import io.vigie.alert.window.StoryFingerprints;
import io.vigie.contracts.AlertMention;
import io.vigie.contracts.SentimentLabel;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The window tallies' serde. Writes a compact binary form (a version byte, then fixed-width numbers and
 * length-prefixed UTF-8 strings); reads it and also the JSON of earlier versions (the data binding's field names,
 * nulls, enum names; unknown fields skipped, missing ones 0 or empty), so stores and changelogs written before the
 * change still restore. Each mention reads and writes its window's tally once per window size and the evaluation
 * reads it again: JSON, even through the streaming API, was a seventh of the stream thread's time (JFR, bench).
 */
public final class MentionTallySerde implements Serde<MentionTally> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** First byte of the binary form with fingerprints as strings; JSON starts with '{' (or "null"). Still read. */
    static final byte BINARY_V1 = (byte) 0xB1;
    /** First byte of the binary form with fingerprints as 64-bit numbers. Still read. */
    static final byte BINARY_V2 = (byte) 0xB2;
    /**
     * First byte of the binary form whose fingerprints are numbers or, past their exact limit, a sketch (a count of
     * -1, then its registers): what is written. A build before it refuses these bytes rather than misread them.
     */
    static final byte BINARY_V3 = (byte) 0xB3;

    /** The fingerprint count that says a sketch's registers follow. */
    private static final int SKETCH = -1;

    static final int RECENT_TALLIES = 1024;
    /**
     * Bytes of a tally its lookup among the recent ones hashes: the version and the counts (volume first), which
     * differ between two states of one window and nearly always between windows; hashing a whole tally (its
     * fingerprints and top mentions, kilobytes) at every read and write was a twentieth of the stream threads' time.
     */
    static final int HASHED_BYTES = 64;
    /**
     * Slots of a thread's encoded strings: a live stream writes every active window of the thread (two sizes of a
     * hundred watches, about forty strings each) before it writes one again, so fewer slots kept overwriting what
     * the next write needed (a few MB per thread).
     */
    static final int ENCODED_STRINGS = 32_768;

    /**
     * What each stream thread last wrote to this store (one serde per window size), by content: a mention reads back
     * the tally that the one before it wrote to the same window (the window store holds bytes, cached or not), so
     * most reads are found here instead of decoded.
     */
    private final PerThreadState<RecentValues<MentionTally>> recent =
            new PerThreadState<>(() -> new RecentValues<>(RECENT_TALLIES, HASHED_BYTES));
    /**
     * Each stream thread's UTF-8 of the strings it wrote lately, shared by every window size (a mention's sample id,
     * title and link are the same String objects in its 15-min and 1-h tallies).
     */
    private static final PerThreadState<EncodedStrings> ENCODED =
            new PerThreadState<>(() -> new EncodedStrings(ENCODED_STRINGS));

    @Override
    public Serializer<MentionTally> serializer() {
        return (topic, tally) -> {
            if (tally == null) {
                return null;
            }
            byte[] written = writeBinary(tally, ENCODED.get());
            recent.get().remember(written, tally);
            return written;
        };
    }

    @Override
    public Deserializer<MentionTally> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length > 0 && data[0] == BINARY_V3) {
                MentionTally known = recent.get().find(data);
                return known != null ? known : readBinary(data);
            }
            return data.length > 0 && (data[0] == BINARY_V2 || data[0] == BINARY_V1) ? readBinary(data) : read(data);
        };
    }

    static byte[] writeBinary(MentionTally tally) {
        return writeBinary(tally, null);
    }

    /** @param encoded the UTF-8 of strings written before, kept by identity (a window's next state shares them); or null */
    static byte[] writeBinary(MentionTally tally, EncodedStrings encoded) {
        BinaryWriter out = new BinaryWriter(128 + 8 * tally.fingerprints().size() + 200 * tally.topMentions().size(),
                encoded);
        out.writeByte(BINARY_V3);
        out.writeLong(tally.volume());
        out.writeLong(tally.ratedCount());
        out.writeLong(tally.negativeCount());
        out.writeDouble(tally.scoreSum());
        out.writeStrings(tally.negativeSampleIds());
        out.writeStrings(tally.otherSampleIds());
        out.writeLong(tally.distinctStories());
        out.writeFingerprints(tally.fingerprints());
        out.writeLong(tally.reachSum());
        out.writeLong(tally.maxNegativeReach());
        out.writeLong(tally.crisisTermHits());
        out.writeCounts(tally.bySource());
        out.writeCounts(tally.byLanguage());
        out.writeInt(tally.topMentions().size());
        for (AlertMention m : tally.topMentions()) {
            out.writeString(m.id());
            out.writeString(m.url());
            out.writeString(m.title());
            out.writeString(m.source());
            out.writeString(m.language());
            out.writeString(m.label() == null ? null : m.label().wireName());
            out.writeLong(m.reach() == null ? Long.MIN_VALUE : m.reach());
        }
        return out.toByteArray();
    }

    static MentionTally readBinary(byte[] data) {
        try {
            BinaryReader in = new BinaryReader(data);
            boolean fingerprintsAsStrings = in.readByte() == BINARY_V1;
            long volume = in.readLong();
            long ratedCount = in.readLong();
            long negativeCount = in.readLong();
            double scoreSum = in.readDouble();
            List<String> negativeSampleIds = in.readStrings();
            List<String> otherSampleIds = in.readStrings();
            long distinctStories = in.readLong();
            StoryFingerprints fingerprints = fingerprintsAsStrings ? fingerprints(in.readStrings())
                    : in.readFingerprints();
            long reachSum = in.readLong();
            long maxNegativeReach = in.readLong();
            long crisisTermHits = in.readLong();
            Map<String, Long> bySource = in.readCounts();
            Map<String, Long> byLanguage = in.readCounts();
            int count = in.readCount();
            List<AlertMention> topMentions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String id = in.readString();
                String url = in.readString();
                String title = in.readString();
                String source = in.readString();
                String language = in.readString();
                String label = in.readString();
                long reach = in.readLong();
                topMentions.add(new AlertMention(id, url, title, source, language, label == null ? null : label(label),
                        reach == Long.MIN_VALUE ? null : reach));
            }
            return new MentionTally(volume, ratedCount, negativeCount, scoreSum, negativeSampleIds, otherSampleIds,
                    distinctStories, fingerprints, reachSum, maxNegativeReach, crisisTermHits, bySource, byLanguage,
                    topMentions);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot read a window tally (binary form, " + data.length + " bytes)", e);
        }
    }

    /** The JSON form, as versions before the binary one wrote it; kept to write old-form data in tests. */
    static byte[] write(MentionTally tally) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 20 * tally.fingerprints().size());
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeNumberProperty("volume", tally.volume());
            g.writeNumberProperty("ratedCount", tally.ratedCount());
            g.writeNumberProperty("negativeCount", tally.negativeCount());
            g.writeNumberProperty("scoreSum", tally.scoreSum());
            writeStrings(g, "negativeSampleIds", tally.negativeSampleIds());
            writeStrings(g, "otherSampleIds", tally.otherSampleIds());
            g.writeNumberProperty("distinctStories", tally.distinctStories());
            writeStrings(g, "fingerprints", List.of(tally.fingerprints().toHexStrings()));
            g.writeNumberProperty("reachSum", tally.reachSum());
            g.writeNumberProperty("maxNegativeReach", tally.maxNegativeReach());
            g.writeNumberProperty("crisisTermHits", tally.crisisTermHits());
            writeCounts(g, "bySource", tally.bySource());
            writeCounts(g, "byLanguage", tally.byLanguage());
            g.writeName("topMentions");
            g.writeStartArray();
            for (AlertMention m : tally.topMentions()) {
                g.writeStartObject();
                g.writeStringProperty("id", m.id());
                g.writeStringProperty("url", m.url());
                g.writeStringProperty("title", m.title());
                g.writeStringProperty("source", m.source());
                g.writeStringProperty("language", m.language());
                g.writeStringProperty("label", m.label() == null ? null : m.label().wireName());
                g.writeName("reach");
                if (m.reach() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(m.reach());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (JacksonException e) {
            throw new SerializationException("Cannot write a window tally", e);
        }
        return out.toByteArray();
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) {
        g.writeName(name);
        g.writeStartArray();
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void writeCounts(JsonGenerator g, String name, Map<String, Long> counts) {
        g.writeName(name);
        g.writeStartObject();
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            g.writeNumberProperty(entry.getKey(), entry.getValue());
        }
        g.writeEndObject();
    }

    static MentionTally read(byte[] data) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), data)) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return null;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new SerializationException("A window tally is a JSON object, not " + first);
            }
            long volume = 0, ratedCount = 0, negativeCount = 0, distinctStories = 0, reachSum = 0,
                    maxNegativeReach = 0, crisisTermHits = 0;
            double scoreSum = 0;
            List<String> negativeSampleIds = null, otherSampleIds = null;
            StoryFingerprints fingerprints = null;
            Map<String, Long> bySource = null, byLanguage = null;
            List<AlertMention> topMentions = null;
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken token = p.nextToken();
                switch (name) {
                    case "volume" -> volume = longValue(p, token);
                    case "ratedCount" -> ratedCount = longValue(p, token);
                    case "negativeCount" -> negativeCount = longValue(p, token);
                    case "scoreSum" -> scoreSum = token == JsonToken.VALUE_NULL ? 0 : p.getDoubleValue();
                    case "negativeSampleIds" -> negativeSampleIds = strings(p, token);
                    case "otherSampleIds" -> otherSampleIds = strings(p, token);
                    case "distinctStories" -> distinctStories = longValue(p, token);
                    case "fingerprints" -> fingerprints = fingerprints(strings(p, token));
                    case "reachSum" -> reachSum = longValue(p, token);
                    case "maxNegativeReach" -> maxNegativeReach = longValue(p, token);
                    case "crisisTermHits" -> crisisTermHits = longValue(p, token);
                    case "bySource" -> bySource = counts(p, token);
                    case "byLanguage" -> byLanguage = counts(p, token);
                    case "topMentions" -> topMentions = mentions(p, token);
                    default -> p.skipChildren();
                }
            }
            return new MentionTally(volume, ratedCount, negativeCount, scoreSum, negativeSampleIds, otherSampleIds,
                    distinctStories, fingerprints, reachSum, maxNegativeReach, crisisTermHits, bySource, byLanguage,
                    topMentions);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new SerializationException("Cannot read a window tally", e);
        }
    }

    /** Fingerprints as earlier versions stored them: strings (nulls skipped; none when absent). */
    static StoryFingerprints fingerprints(List<String> strings) {
        if (strings == null) {
            return StoryFingerprints.NONE;
        }
        return StoryFingerprints.of(strings.stream().filter(java.util.Objects::nonNull)
                .mapToLong(StoryFingerprints::numberOf).toArray());
    }

    static long longValue(JsonParser p, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return (long) p.getDoubleValue();
        }
        return token == JsonToken.VALUE_STRING ? Long.parseLong(p.getString().strip()) : p.getLongValue();
    }

    private static List<String> strings(JsonParser p, JsonToken token) {
        if (token != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        List<String> values = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            values.add(t == JsonToken.VALUE_NULL ? null : p.getString());
        }
        return values;
    }

    private static Map<String, Long> counts(JsonParser p, JsonToken token) {
        if (token != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        Map<String, Long> counts = new HashMap<>();
        String key;
        while ((key = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            counts.put(key, t == JsonToken.VALUE_NULL ? null : longValue(p, t));
        }
        return counts;
    }

    private static List<AlertMention> mentions(JsonParser p, JsonToken token) {
        if (token != JsonToken.START_ARRAY) {
            p.skipChildren();
            return null;
        }
        List<AlertMention> mentions = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                mentions.add(null);
                continue;
            }
            String id = null, url = null, title = null, source = null, language = null;
            SentimentLabel label = null;
            Long reach = null;
            String field;
            while ((field = p.nextName()) != null) {
                JsonToken v = p.nextToken();
                boolean isNull = v == JsonToken.VALUE_NULL;
                switch (field) {
                    case "id" -> id = isNull ? null : p.getString();
                    case "url" -> url = isNull ? null : p.getString();
                    case "title" -> title = isNull ? null : p.getString();
                    case "source" -> source = isNull ? null : p.getString();
                    case "language" -> language = isNull ? null : p.getString();
                    case "label" -> label = isNull ? null : label(p.getString());
                    case "reach" -> reach = isNull ? null : longValue(p, v);
                    default -> p.skipChildren();
                }
            }
            mentions.add(new AlertMention(id, url, title, source, language, label, reach));
        }
        return mentions;
    }

    static SentimentLabel label(String wire) {
        return switch (wire) {
            case "negative" -> SentimentLabel.NEGATIVE;
            case "neutral" -> SentimentLabel.NEUTRAL;
            case "positive" -> SentimentLabel.POSITIVE;
            case "unsupported" -> SentimentLabel.UNSUPPORTED;
            default -> SentimentLabel.valueOf(wire.toUpperCase(Locale.ROOT));
        };
    }

    /** Big-endian fixed-width numbers and length-prefixed UTF-8 strings (null: length -1); also the batches' form. */
    static final class BinaryWriter {

        private final EncodedStrings encoded;
        private byte[] buffer;
        private int size;

        BinaryWriter(int capacity) {
            this(capacity, null);
        }

        BinaryWriter(int capacity, EncodedStrings encoded) {
            this.buffer = new byte[capacity];
            this.encoded = encoded;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        void writeByte(byte value) {
            ensure(1);
            buffer[size++] = value;
        }

        void writeInt(int value) {
            ensure(4);
            INT.set(buffer, size, value);
            size += 4;
        }

        void writeLong(long value) {
            ensure(8);
            LONG.set(buffer, size, value);
            size += 8;
        }

        void writeDouble(double value) {
            writeLong(Double.doubleToRawLongBits(value));
        }

        void writeString(String value) {
            if (value == null) {
                writeInt(-1);
                return;
            }
            byte[] bytes = encoded != null ? encoded.utf8(value) : value.getBytes(StandardCharsets.UTF_8);
            writeInt(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
        }

        void writeStrings(List<String> values) {
            writeInt(values.size());
            for (String value : values) {
                writeString(value);
            }
        }

        void writeFingerprints(StoryFingerprints fingerprints) {
            if (fingerprints.isSketch()) {
                byte[] registers = fingerprints.registers();
                writeInt(SKETCH);
                ensure(registers.length);
                System.arraycopy(registers, 0, buffer, size, registers.length);
                size += registers.length;
                return;
            }
            writeInt(fingerprints.size());
            ensure(8 * fingerprints.size());
            for (int i = 0; i < fingerprints.size(); i++) {
                LONG.set(buffer, size, fingerprints.get(i));
                size += 8;
            }
        }

        void writeCounts(Map<String, Long> counts) {
            writeInt(counts.size());
            for (Map.Entry<String, Long> entry : counts.entrySet()) {
                writeString(entry.getKey());
                writeLong(entry.getValue() == null ? Long.MIN_VALUE : entry.getValue());
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }
    }

    /**
     * The UTF-8 of strings recently encoded, by identity, in a direct-mapped table (a slot holds the last string that
     * fell in it). A window's tally is written again at every update with the same sample ids, titles and links as
     * the state before (the same String objects): encoding them again was most of the cost of writing a tally (JFR,
     * live bench). One thread.
     */
    static final class EncodedStrings {

        private final String[] strings;
        private final byte[][] utf8;

        EncodedStrings(int slots) {
            if (Integer.bitCount(slots) != 1) {
                throw new IllegalArgumentException("slots must be a power of two, was " + slots);
            }
            strings = new String[slots];
            utf8 = new byte[slots][];
        }

        byte[] utf8(String value) {
            int slot = System.identityHashCode(value) & (strings.length - 1);
            if (strings[slot] == value) {
                return utf8[slot];
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            strings[slot] = value;
            utf8[slot] = bytes;
            return bytes;
        }
    }

    /** Reads what {@link BinaryWriter} wrote; a count or length past the end is an error, not an allocation. */
    static final class BinaryReader {

        private final byte[] data;
        private int position;

        BinaryReader(byte[] data) {
            this.data = data;
        }

        byte readByte() {
            return data[position++];
        }

        int remaining() {
            return data.length - position;
        }

        int readInt() {
            int value = (int) INT.get(data, position);
            position += 4;
            return value;
        }

        /** A count of items that follow: each takes at least 4 bytes, so a corrupt one fails here, not in memory. */
        int readCount() {
            int count = readInt();
            if (count < 0 || count > (data.length - position) / 4) {
                throw new IllegalArgumentException("bad item count " + count + " at byte " + (position - 4));
            }
            return count;
        }

        long readLong() {
            long value = (long) LONG.get(data, position);
            position += 8;
            return value;
        }

        double readDouble() {
            return Double.longBitsToDouble(readLong());
        }

        byte[] readBytes(int length) {
            if (length > data.length - position) {
                throw new IllegalArgumentException(length + " bytes past the end at " + position);
            }
            byte[] value = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return value;
        }

        String readString() {
            int length = readInt();
            if (length < 0) {
                return null;
            }
            if (length > data.length - position) {
                throw new IllegalArgumentException("string of " + length + " bytes past the end at " + position);
            }
            String value = new String(data, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        List<String> readStrings() {
            int count = readCount();
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(readString());
            }
            return values;
        }

        StoryFingerprints readFingerprints() {
            int count = readInt();
            if (count == SKETCH) {
                return StoryFingerprints.sketch(readBytes(StoryFingerprints.REGISTERS));
            }
            if (count < 0 || count > (data.length - position) / 8) {
                throw new IllegalArgumentException("bad fingerprint count " + count + " at byte " + (position - 4));
            }
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                values[i] = readLong();
            }
            return StoryFingerprints.of(values);
        }

        Map<String, Long> readCounts() {
            int count = readCount();
            Map<String, Long> counts = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String key = readString();
                long value = readLong();
                counts.put(key, value == Long.MIN_VALUE ? null : value);
            }
            return counts;
        }
    }
}
