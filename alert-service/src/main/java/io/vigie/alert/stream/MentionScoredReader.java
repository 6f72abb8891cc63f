package io.vigie.alert.stream;

import io.vigie.contracts.Author;
import io.vigie.contracts.Engagement;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Rating;
import io.vigie.contracts.Sentiment;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code mention-scored} record with Jackson's streaming API: the same {@link MentionScored} the data binding
 * gives, at a fraction of its cost (the binding was a quarter of a stream thread's time on the dense bench, JFR).
 *
 * <p>Only the shape sentiment-service writes is read here: objects, strings, numbers, nulls where the contract has
 * them, instants as ISO-8601 strings in UTC. Anything else (an instant as a number, a string where a number belongs,
 * an unknown enum name) returns null, and the caller falls back to the data binding, which then decides, errors
 * included. So this reader can only be faster, never more or less lenient. Unknown fields are skipped, as the
 * contract's {@code @JsonIgnoreProperties(ignoreUnknown = true)} says.
 */
final class MentionScoredReader {

    private static final JsonFactory JSON = new JsonFactory();

    /** Thrown inside the reader when the input is not in the usual shape; never leaves it. */
    private static final class Unusual extends RuntimeException {
        Unusual() {
            super(null, null, false, false);
        }
    }

    private static final Unusual UNUSUAL = new Unusual();

    private MentionScoredReader() {
    }

    /** The record, or null when it is not in the usual shape (including a JSON null or malformed JSON). */
    static MentionScored read(byte[] data) {
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            MentionScored scored = scored(p);
            return p.nextToken() == null ? scored : null;
        } catch (Unusual | JacksonException | ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }

    private static MentionScored scored(JsonParser p) {
        int schemaVersion = 0;
        MentionIngested mention = null;
        String language = null;
        double languageConfidence = 0;
        Sentiment sentiment = null;
        Instant scoredAt = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "schemaVersion" -> schemaVersion = intValue(p, t);
                case "mention" -> mention = t == JsonToken.VALUE_NULL ? null : mention(p, t);
                case "language" -> language = string(p, t);
                case "languageConfidence" -> languageConfidence = doubleValue(p, t);
                case "sentiment" -> sentiment = t == JsonToken.VALUE_NULL ? null : sentiment(p, t);
                case "scoredAt" -> scoredAt = instant(p, t);
                default -> p.skipChildren();
            }
        }
        return new MentionScored(schemaVersion, mention, language, languageConfidence, sentiment, scoredAt);
    }

    private static MentionIngested mention(JsonParser p, JsonToken start) {
        expect(start, JsonToken.START_OBJECT);
        int schemaVersion = 0;
        String id = null, url = null, title = null, text = null, language = null, fingerprint = null;
        List<String> watchIds = null;
        MentionSource source = null;
        Author author = null;
        Instant publishedAt = null, fetchedAt = null;
        Engagement engagement = null;
        Rating rating = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            boolean isNull = t == JsonToken.VALUE_NULL;
            switch (name) {
                case "schemaVersion" -> schemaVersion = intValue(p, t);
                case "id" -> id = string(p, t);
                case "watchIds" -> watchIds = isNull ? null : strings(p, t);
                case "source" -> source = isNull ? null : source(p, t);
                case "url" -> url = string(p, t);
                case "author" -> author = isNull ? null : author(p, t);
                case "title" -> title = string(p, t);
                case "text" -> text = string(p, t);
                case "language" -> language = string(p, t);
                case "publishedAt" -> publishedAt = instant(p, t);
                case "fetchedAt" -> fetchedAt = instant(p, t);
                case "engagement" -> engagement = isNull ? null : engagement(p, t);
                case "rating" -> rating = isNull ? null : rating(p, t);
                case "fingerprint" -> fingerprint = string(p, t);
                default -> p.skipChildren();
            }
        }
        return new MentionIngested(schemaVersion, id, watchIds, source, url, author, title, text, language,
                publishedAt, fetchedAt, engagement, rating, fingerprint);
    }

    private static Sentiment sentiment(JsonParser p, JsonToken start) {
        expect(start, JsonToken.START_OBJECT);
        io.vigie.contracts.SentimentLabel label = null;
        Double score = null, confidence = null;
        String modelVersion = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "label" -> {
                    String wire = string(p, t);
                    label = wire == null ? null : label(wire);
                }
                case "score" -> score = boxedDouble(p, t);
                case "confidence" -> confidence = boxedDouble(p, t);
                case "modelVersion" -> modelVersion = string(p, t);
                default -> p.skipChildren();
            }
        }
        return new Sentiment(label, score, confidence, modelVersion);
    }

    private static io.vigie.contracts.SentimentLabel label(String wire) {
        for (io.vigie.contracts.SentimentLabel label : io.vigie.contracts.SentimentLabel.values()) {
            if (label.wireName().equals(wire)) {
                return label;
            }
        }
        throw UNUSUAL;
    }

    private static MentionSource source(JsonParser p, JsonToken start) {
        expect(start, JsonToken.START_OBJECT);
        String type = null, sourceName = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "type" -> type = string(p, t);
                case "name" -> sourceName = string(p, t);
                default -> p.skipChildren();
            }
        }
        return new MentionSource(type, sourceName);
    }

    private static Author author(JsonParser p, JsonToken start) {
        expect(start, JsonToken.START_OBJECT);
        String authorName = null, handle = null;
        Long followers = null, karma = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "name" -> authorName = string(p, t);
                case "handle" -> handle = string(p, t);
                case "followers" -> followers = boxedLong(p, t);
                case "karma" -> karma = boxedLong(p, t);
                default -> p.skipChildren();
            }
        }
        return new Author(authorName, handle, followers, karma);
    }

    private static Engagement engagement(JsonParser p, JsonToken start) {
        expect(start, JsonToken.START_OBJECT);
        Long likes = null, shares = null, comments = null, views = null;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "likes" -> likes = boxedLong(p, t);
                case "shares" -> shares = boxedLong(p, t);
                case "comments" -> comments = boxedLong(p, t);
                case "views" -> views = boxedLong(p, t);
                default -> p.skipChildren();
            }
        }
        return new Engagement(likes, shares, comments, views);
    }

    private static Rating rating(JsonParser p, JsonToken start) {
        expect(start, JsonToken.START_OBJECT);
        double value = 0, max = 0;
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "value" -> value = doubleValue(p, t);
                case "max" -> max = doubleValue(p, t);
                default -> p.skipChildren();
            }
        }
        return new Rating(value, max);
    }

    private static List<String> strings(JsonParser p, JsonToken start) {
        expect(start, JsonToken.START_ARRAY);
        List<String> values = new ArrayList<>(2);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            // The contract's list copy refuses nulls; let the data binding report that.
            expect(t, JsonToken.VALUE_STRING);
            values.add(p.getString());
        }
        return values;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw UNUSUAL;
        }
    }

    private static String string(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_STRING);
        return p.getString();
    }

    private static int intValue(JsonParser p, JsonToken t) {
        expect(t, JsonToken.VALUE_NUMBER_INT);
        return p.getIntValue();
    }

    private static double doubleValue(JsonParser p, JsonToken t) {
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw UNUSUAL;
        }
        return p.getDoubleValue();
    }

    private static Double boxedDouble(JsonParser p, JsonToken t) {
        return t == JsonToken.VALUE_NULL ? null : doubleValue(p, t);
    }

    private static Long boxedLong(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_NUMBER_INT);
        return p.getLongValue();
    }

    private static Instant instant(JsonParser p, JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(t, JsonToken.VALUE_STRING);
        return utcInstant(p.getString());
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, as {@code Instant.toString()} writes it, without the formatter's
     * overhead; any other form is unusual.
     */
    static Instant utcInstant(String s) {
        int length = s.length();
        if (length < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(length - 1) != 'Z') {
            throw UNUSUAL;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 7), day = digits(s, 8, 10);
        int hour = digits(s, 11, 13), minute = digits(s, 14, 16), second = digits(s, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                throw UNUSUAL;
            }
            nanos = digits(s, 20, length - 1);
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw UNUSUAL;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** {@link #utcInstant} when the text is in that form, else whatever {@code Instant.parse} makes of it. */
    static Instant parseInstant(String s) {
        try {
            return utcInstant(s);
        } catch (Unusual | java.time.DateTimeException e) {
            return Instant.parse(s);
        }
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw UNUSUAL;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
