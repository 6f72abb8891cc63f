package io.vigie.alert.stream;

import io.vigie.alert.window.MentionSignal;
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

/**
 * The repartition topic's serde ({@code mentions-by-watch}): the same JSON as {@code JsonSerdes.of(MentionSignal.class)},
 * so records written by either read with the other, but with Jackson's streaming API instead of data binding (one
 * write and one read per mention and watch).
 */
public final class MentionSignalSerde implements Serde<MentionSignal> {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public Serializer<MentionSignal> serializer() {
        return (topic, signal) -> signal == null ? null : write(signal);
    }

    @Override
    public Deserializer<MentionSignal> deserializer() {
        return (topic, data) -> data == null ? null : read(data);
    }

    static byte[] write(MentionSignal s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("mentionId", s.mentionId());
            g.writeStringProperty("label", s.label() == null ? null : s.label().wireName());
            g.writeName("score");
            if (s.score() == null) {
                g.writeNull();
            } else {
                g.writeNumber(s.score().doubleValue());
            }
            g.writeStringProperty("fingerprint", s.fingerprint());
            g.writeStringProperty("source", s.source());
            g.writeStringProperty("language", s.language());
            g.writeName("reach");
            if (s.reach() == null) {
                g.writeNull();
            } else {
                g.writeNumber(s.reach().longValue());
            }
            g.writeStringProperty("url", s.url());
            g.writeStringProperty("title", s.title());
            g.writeNumberProperty("crisisHits", s.crisisHits());
            g.writeEndObject();
        } catch (JacksonException e) {
            throw new SerializationException("Cannot write a mention signal", e);
        }
        return out.toByteArray();
    }

    static MentionSignal read(byte[] data) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), data)) {
            JsonToken first = p.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return null;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new SerializationException("A mention signal is a JSON object, not " + first);
            }
            String mentionId = null, fingerprint = null, source = null, language = null, url = null, title = null;
            SentimentLabel label = null;
            Double score = null;
            Long reach = null;
            int crisisHits = 0;
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken v = p.nextToken();
                boolean isNull = v == JsonToken.VALUE_NULL;
                switch (name) {
                    case "mentionId" -> mentionId = isNull ? null : p.getString();
                    case "label" -> label = isNull ? null : MentionTallySerde.label(p.getString());
                    case "score" -> score = isNull ? null : p.getDoubleValue();
                    case "fingerprint" -> fingerprint = isNull ? null : p.getString();
                    case "source" -> source = isNull ? null : p.getString();
                    case "language" -> language = isNull ? null : p.getString();
                    case "reach" -> reach = isNull ? null : MentionTallySerde.longValue(p, v);
                    case "url" -> url = isNull ? null : p.getString();
                    case "title" -> title = isNull ? null : p.getString();
                    case "crisisHits" -> crisisHits = (int) MentionTallySerde.longValue(p, v);
                    default -> p.skipChildren();
                }
            }
            return new MentionSignal(mentionId, label, score, fingerprint, source, language, reach, url, title,
                    crisisHits);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new SerializationException("Cannot read a mention signal", e);
        }
    }
}
