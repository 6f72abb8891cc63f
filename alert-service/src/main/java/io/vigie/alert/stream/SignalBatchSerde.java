package io.vigie.alert.stream;

import io.vigie.alert.window.MentionSignal;
import io.vigie.alert.window.SignalBatch;
import io.vigie.contracts.SentimentLabel;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

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
        return TaggedBinary.serializer(SignalBatchSerde::write);
    }

    @Override
    public Deserializer<SignalBatch> deserializer() {
        return TaggedBinary.deserializer(BATCH_V1, SignalBatchSerde::read, (topic, data) -> {
            MentionSignal single = MentionSignalSerde.read(data);
            return single == null ? null : SignalBatch.of(single);
        });
    }

    static byte[] write(SignalBatch batch) {
        MentionTallySerde.BinaryWriter out = new MentionTallySerde.BinaryWriter(32 + 160 * batch.size());
        out.writeByte(BATCH_V1);
        out.writeInt(batch.size());
        for (MentionSignal s : batch.signals()) {
            out.writeString(s.mentionId());
            out.writeString(s.label() == null ? null : s.label().wireName());
            if (s.score() == null) {
                out.writeByte(NULL_SCORE);
            } else {
                out.writeByte(SCORE);
                out.writeDouble(s.score());
            }
            out.writeString(s.fingerprint());
            out.writeString(s.source());
            out.writeString(s.language());
            out.writeLong(s.reach() == null ? Long.MIN_VALUE : s.reach());
            out.writeString(s.url());
            out.writeString(s.title());
            out.writeInt(s.crisisHits());
        }
        return out.toByteArray();
    }

    static SignalBatch read(byte[] data) {
        try {
            MentionTallySerde.BinaryReader in = new MentionTallySerde.BinaryReader(data);
            in.readByte();
            int count = in.readCount();
            List<MentionSignal> signals = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String mentionId = in.readString();
                String label = in.readString();
                Double score = in.readByte() == SCORE ? in.readDouble() : null;
                String fingerprint = in.readString();
                String source = in.readString();
                String language = in.readString();
                long reach = in.readLong();
                String url = in.readString();
                String title = in.readString();
                int crisisHits = in.readInt();
                signals.add(new MentionSignal(mentionId, label == null ? null : MentionTallySerde.label(label), score,
                        fingerprint, source, language, reach == Long.MIN_VALUE ? null : reach, url, title, crisisHits));
            }
            if (in.remaining() > 0) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last signal");
            }
            return new SignalBatch(signals);
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot read a batch of mention signals (binary form, " + data.length
                    + " bytes)", e);
        }
    }
}
