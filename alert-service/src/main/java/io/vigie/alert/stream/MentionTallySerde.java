package io.vigie.alert.stream;

import io.vigie.alert.window.MentionTally;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The window tallies' serde: the same JSON as {@code JsonSerdes.of(MentionTally.class)} (field names, nulls, enum
 * names; unknown fields skipped, missing ones 0 or empty), so stored tallies and changelogs read both ways, but
 * written and read with Jackson's streaming API. Each mention reads and writes its window's tally once per window
 * size, and the evaluation reads it again: data binding of the record (its constructor called through method
 * handles) was a third of the topology's time.
 */
public final class MentionTallySerde implements Serde<MentionTally> {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public Serializer<MentionTally> serializer() {
        return (topic, tally) -> tally == null ? null : write(tally);
    }

    @Override
    public Deserializer<MentionTally> deserializer() {
        return (topic, data) -> data == null ? null : read(data);
    }

    static byte[] write(MentionTally tally) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 40 * tally.fingerprints().size());
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeNumberProperty("volume", tally.volume());
            g.writeNumberProperty("ratedCount", tally.ratedCount());
            g.writeNumberProperty("negativeCount", tally.negativeCount());
            g.writeNumberProperty("scoreSum", tally.scoreSum());
            writeStrings(g, "negativeSampleIds", tally.negativeSampleIds());
            writeStrings(g, "otherSampleIds", tally.otherSampleIds());
            g.writeNumberProperty("distinctStories", tally.distinctStories());
            writeStrings(g, "fingerprints", tally.fingerprints());
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
            List<String> negativeSampleIds = null, otherSampleIds = null, fingerprints = null;
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
                    case "fingerprints" -> fingerprints = strings(p, token);
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
}
