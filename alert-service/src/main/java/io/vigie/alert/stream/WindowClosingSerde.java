package io.vigie.alert.stream;

import io.vigie.alert.window.WindowClosing;
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
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The closing store's serde (read and written on every window update). Writes a binary form: a version byte, a byte of
 * which instants are present, then each as seconds and nanoseconds, then the wall-clock millis (JSON cost a tenth of a
 * sparse catch-up's window evaluations, JFR). Reads it and the JSON of earlier versions, the same as
 * {@code JsonSerdes.of(WindowClosing.class)} (instants as ISO-8601 strings) through Jackson's streaming API; any other
 * JSON, e.g. an instant written as a number, is read by that data-binding serde. Stores and changelogs written before
 * still restore.
 */
public final class WindowClosingSerde implements Serde<WindowClosing> {

    private static final JsonFactory JSON = new JsonFactory();

    /** First byte of the binary form; JSON starts with '{' (or "null"). */
    static final byte BINARY_V1 = (byte) 0xD1;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int OPEN_START = 1;
    private static final int COMPLETE_START = 2;

    private final Deserializer<WindowClosing> fallback = JsonSerdes.of(WindowClosing.class).deserializer();

    @Override
    public Serializer<WindowClosing> serializer() {
        return TaggedBinary.serializer(WindowClosingSerde::writeBinary);
    }

    @Override
    public Deserializer<WindowClosing> deserializer() {
        return TaggedBinary.deserializer(BINARY_V1, WindowClosingSerde::readBinary, (topic, data) -> {
            WindowClosing read = read(data);
            return read != null ? read : fallback.deserialize(topic, data);
        });
    }

    static byte[] writeBinary(WindowClosing closing) {
        byte[] out = new byte[2 + 2 * 12 + 8];
        out[0] = BINARY_V1;
        int flags = (closing.openStart() == null ? 0 : OPEN_START)
                | (closing.completeStart() == null ? 0 : COMPLETE_START);
        out[1] = (byte) flags;
        int at = 2;
        at = writeInstant(out, at, closing.openStart());
        at = writeInstant(out, at, closing.completeStart());
        LONG.set(out, at, closing.lastMentionMillis());
        at += 8;
        return at == out.length ? out : Arrays.copyOf(out, at);
    }

    private static int writeInstant(byte[] out, int at, Instant instant) {
        if (instant == null) {
            return at;
        }
        LONG.set(out, at, instant.getEpochSecond());
        INT.set(out, at + 8, instant.getNano());
        return at + 12;
    }

    static WindowClosing readBinary(byte[] data) {
        try {
            int flags = data[1];
            int at = 2;
            Instant openStart = null;
            Instant completeStart = null;
            if ((flags & OPEN_START) != 0) {
                openStart = Instant.ofEpochSecond((long) LONG.get(data, at), (int) INT.get(data, at + 8));
                at += 12;
            }
            if ((flags & COMPLETE_START) != 0) {
                completeStart = Instant.ofEpochSecond((long) LONG.get(data, at), (int) INT.get(data, at + 8));
                at += 12;
            }
            return new WindowClosing(openStart, completeStart, (long) LONG.get(data, at));
        } catch (IndexOutOfBoundsException | DateTimeException e) {
            throw new SerializationException("Cannot read a window closing of " + data.length + " bytes", e);
        }
    }

    /** The JSON earlier versions wrote (and the data binding writes). */
    static byte[] write(WindowClosing closing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("openStart", closing.openStart() == null ? null : closing.openStart().toString());
            g.writeStringProperty("completeStart",
                    closing.completeStart() == null ? null : closing.completeStart().toString());
            g.writeNumberProperty("lastMentionMillis", closing.lastMentionMillis());
            g.writeEndObject();
        } catch (JacksonException e) {
            throw new SerializationException("Cannot write a window closing", e);
        }
        return out.toByteArray();
    }

    /** The closing, or null when the JSON is not in the usual shape (the data binding then reads it). */
    static WindowClosing read(byte[] data) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Instant openStart = null;
            Instant completeStart = null;
            long lastMentionMillis = 0;
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken v = p.nextToken();
                switch (name) {
                    case "openStart", "completeStart" -> {
                        Instant instant;
                        if (v == JsonToken.VALUE_NULL) {
                            instant = null;
                        } else if (v == JsonToken.VALUE_STRING) {
                            instant = MentionScoredReader.parseInstant(p.getString());
                        } else {
                            return null;
                        }
                        if (name.equals("openStart")) {
                            openStart = instant;
                        } else {
                            completeStart = instant;
                        }
                    }
                    case "lastMentionMillis" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT) {
                            return null;
                        }
                        lastMentionMillis = p.getLongValue();
                    }
                    default -> p.skipChildren();
                }
            }
            return new WindowClosing(openStart, completeStart, lastMentionMillis);
        } catch (JacksonException | DateTimeException e) {
            return null;
        }
    }
}
