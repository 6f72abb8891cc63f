package io.vigie.alert.stream;

import io.vigie.alert.detect.AlertMemory;
import io.vigie.alert.detect.Incident;
import io.vigie.contracts.Severity;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The alert memory store's serde (written at nearly every evaluation: the newest window moves on). Writes a binary
 * form: a version byte, a byte of which fields are present, then the newest window's start and the incident's fields
 * (strings length-prefixed UTF-8, instants as seconds and nanoseconds, the severity by name). Reads it and the JSON of
 * earlier versions through {@code JsonSerdes.of(AlertMemory.class)}, so stores and changelogs written before still
 * restore. Writing the JSON through the data binding was 4 % of a sparse catch-up's stream threads (JFR).
 */
public final class AlertMemorySerde implements Serde<AlertMemory> {

    /** First byte of the binary form; JSON starts with '{' (or "null"). */
    static final byte BINARY_V1 = (byte) 0xE1;

    private static final int LATEST = 1;
    private static final int INCIDENT = 2;

    private final Deserializer<AlertMemory> json = JsonSerdes.of(AlertMemory.class).deserializer();

    @Override
    public Serializer<AlertMemory> serializer() {
        return TaggedBinary.serializer(AlertMemorySerde::writeBinary);
    }

    @Override
    public Deserializer<AlertMemory> deserializer() {
        return TaggedBinary.deserializer(BINARY_V1, AlertMemorySerde::readBinary, json::deserialize);
    }

    static byte[] writeBinary(AlertMemory memory) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(memory.incident() == null ? 16 : 160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(BINARY_V1);
            Incident incident = memory.incident();
            out.writeByte((memory.latestWindowStart() == null ? 0 : LATEST) | (incident == null ? 0 : INCIDENT));
            writeInstant(out, memory.latestWindowStart());
            if (incident != null) {
                Object[] nullable = {incident.id(), incident.detector(), incident.episodeStart(), incident.severity(),
                        incident.lastDeviation(), incident.lastSent(), incident.resolvedAt(), incident.metric()};
                int present = 0;
                for (int i = 0; i < nullable.length; i++) {
                    present |= nullable[i] == null ? 0 : 1 << i;
                }
                out.writeByte(present);
                writeString(out, incident.id());
                writeString(out, incident.detector());
                writeInstant(out, incident.episodeStart());
                writeString(out, incident.severity() == null ? null : incident.severity().name());
                writeInstant(out, incident.lastDeviation());
                writeInstant(out, incident.lastSent());
                writeInstant(out, incident.resolvedAt());
                writeString(out, incident.metric());
                out.writeDouble(incident.observed());
                out.writeDouble(incident.expected());
            }
        } catch (IOException e) {
            throw new SerializationException("Cannot write an alert memory", e);
        }
        return bytes.toByteArray();
    }

    /** Nothing for null: the byte of present fields says which were written. */
    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value != null) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    static AlertMemory readBinary(byte[] data) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data, 1, data.length - 1);
            int fields = in.get();
            Instant latest = (fields & LATEST) == 0 ? null : readInstant(in);
            if ((fields & INCIDENT) == 0) {
                return new AlertMemory(latest, null);
            }
            int present = in.get() & 0xFF;
            String id = (present & 1) == 0 ? null : readString(in);
            String detector = (present & 2) == 0 ? null : readString(in);
            Instant episodeStart = (present & 4) == 0 ? null : readInstant(in);
            Severity severity = (present & 8) == 0 ? null : Severity.valueOf(readString(in));
            Instant lastDeviation = (present & 16) == 0 ? null : readInstant(in);
            Instant lastSent = (present & 32) == 0 ? null : readInstant(in);
            Instant resolvedAt = (present & 64) == 0 ? null : readInstant(in);
            String metric = (present & 128) == 0 ? null : readString(in);
            double observed = in.getDouble();
            double expected = in.getDouble();
            return new AlertMemory(latest, new Incident(id, detector, episodeStart, severity, lastDeviation, lastSent,
                    resolvedAt, metric, observed, expected));
        } catch (BufferUnderflowException | IllegalArgumentException | DateTimeException e) {
            throw new SerializationException("Cannot read an alert memory of " + data.length + " bytes", e);
        }
    }

    private static Instant readInstant(ByteBuffer in) {
        long seconds = in.getLong();
        return Instant.ofEpochSecond(seconds, in.getInt());
    }

    private static String readString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("string of " + length + " bytes");
        }
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }
}
