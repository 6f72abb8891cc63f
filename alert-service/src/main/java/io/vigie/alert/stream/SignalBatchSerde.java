package io.vigie.alert.stream;

import io.vigie.alert.window.MentionSignal;
import io.vigie.alert.window.SignalBatch;
import io.vigie.contracts.SentimentLabel;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The repartition topic's serde ({@code mentions-by-watch}): a batch of signals in a compact binary form (a version
 * byte, a count, then each signal's fields). A record written by a version before batches, one signal as JSON, reads
 * as a batch of one, so a repartition topic with records in flight survives the upgrade.
 */
public final class SignalBatchSerde implements Serde<SignalBatch> {

    /** First byte of the binary form; a single signal's JSON starts with '{'. */
    static final byte BATCH_V1 = (byte) 0xC1;

    private static final byte NULL_SCORE = 0, SCORE = 1;

    @Override
    public Serializer<SignalBatch> serializer() {
        return (topic, batch) -> batch == null ? null : write(batch);
    }

    @Override
    public Deserializer<SignalBatch> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length > 0 && data[0] == BATCH_V1) {
                return read(data);
            }
            MentionSignal single = MentionSignalSerde.read(data);
            return single == null ? null : SignalBatch.of(single);
        };
    }

    static byte[] write(SignalBatch batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 160 * batch.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(BATCH_V1);
            out.writeInt(batch.size());
            for (MentionSignal s : batch.signals()) {
                writeString(out, s.mentionId());
                writeString(out, s.label() == null ? null : s.label().wireName());
                if (s.score() == null) {
                    out.writeByte(NULL_SCORE);
                } else {
                    out.writeByte(SCORE);
                    out.writeDouble(s.score());
                }
                writeString(out, s.fingerprint());
                writeString(out, s.source());
                writeString(out, s.language());
                out.writeLong(s.reach() == null ? Long.MIN_VALUE : s.reach());
                writeString(out, s.url());
                writeString(out, s.title());
                out.writeInt(s.crisisHits());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static SignalBatch read(byte[] data) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            in.readByte();
            int count = in.readInt();
            // Each signal takes at least 30 bytes: a corrupt count fails here, not in memory.
            if (count < 0 || count > data.length / 30) {
                throw new IllegalArgumentException("bad signal count " + count);
            }
            List<MentionSignal> signals = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String mentionId = readString(in);
                String label = readString(in);
                Double score = in.readByte() == SCORE ? in.readDouble() : null;
                String fingerprint = readString(in);
                String source = readString(in);
                String language = readString(in);
                long reach = in.readLong();
                String url = readString(in);
                String title = readString(in);
                int crisisHits = in.readInt();
                signals.add(new MentionSignal(mentionId, label == null ? null : MentionTallySerde.label(label), score,
                        fingerprint, source, language, reach == Long.MIN_VALUE ? null : reach, url, title, crisisHits));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " bytes after the last signal");
            }
            return new SignalBatch(signals);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot read a batch of mention signals (binary form, " + data.length
                    + " bytes)", e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > in.available()) {
            throw new IllegalArgumentException("string of " + length + " bytes past the end");
        }
        return new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8);
    }
}
