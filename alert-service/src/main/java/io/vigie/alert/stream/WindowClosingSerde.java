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
import java.time.DateTimeException;
import java.time.Instant;

/**
 * The closing store's serde (read and written on every window update): the same JSON as
 * {@code JsonSerdes.of(WindowClosing.class)} (instants as ISO-8601 strings) through Jackson's streaming API; anything
 * else, e.g. an instant written as a number, is read by that data-binding serde.
 */
public final class WindowClosingSerde implements Serde<WindowClosing> {

    private static final JsonFactory JSON = new JsonFactory();

    private final Deserializer<WindowClosing> fallback = JsonSerdes.of(WindowClosing.class).deserializer();

    @Override
    public Serializer<WindowClosing> serializer() {
        return (topic, closing) -> closing == null ? null : write(closing);
    }

    @Override
    public Deserializer<WindowClosing> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            WindowClosing read = read(data);
            return read != null ? read : fallback.deserialize(topic, data);
        };
    }

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
