package io.vigie.ingest.push;

import io.vigie.contracts.Author;
import io.vigie.contracts.Engagement;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Rating;
import io.vigie.ingest.source.PlainText;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns one pushed or imported item (a JSON object, or a CSV row made into one) into a mention. Fields:
 * {@code sourceType} (default {@code push}), {@code sourceName}, {@code nativeId} (required), {@code url},
 * {@code author} (a name, or {@code {name, handle, followers, karma}}), {@code title}, {@code text} (a title or a
 * text is required), {@code language}, {@code publishedAt} (ISO-8601 with offset), {@code engagement}
 * ({@code {likes, shares, comments, views}}), {@code rating} ({@code {value, max}}). Numbers may be JSON numbers or
 * strings (CSV cells), and an empty string is an absent value. HTML in title and text is stripped; a text over the
 * limit is truncated.
 */
public final class MentionItems {

    public static final String DEFAULT_SOURCE_TYPE = "push";

    private static final Pattern SOURCE_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final int MAX_NATIVE_ID = 500;
    private static final int MAX_NAME = 500;
    private static final int MAX_TITLE = 2_000;

    private MentionItems() {
    }

    /**
     * @param item                 the item
     * @param fetchedAt            when it reached Vigie
     * @param publishedAtRequired  false for pushes (default: {@code fetchedAt}), true for historical imports
     * @param maxTextLength        characters kept of the text
     */
    public static Item toMention(JsonNode item, Instant fetchedAt, boolean publishedAtRequired, int maxTextLength)
            throws InvalidMentionException {
        if (item == null || !item.isObject()) {
            throw new InvalidMentionException("each mention must be a JSON object with at least nativeId and text");
        }
        String sourceType = string(item, "sourceType", 32);
        sourceType = sourceType == null ? DEFAULT_SOURCE_TYPE : sourceType.toLowerCase(Locale.ROOT);
        if (!SOURCE_TYPE.matcher(sourceType).matches()) {
            throw new InvalidMentionException("sourceType must be lower-case letters, digits or '-' (e.g. "
                    + "trustpilot), got '" + sourceType + "'");
        }
        String nativeId = string(item, "nativeId", MAX_NATIVE_ID);
        if (nativeId == null) {
            throw new InvalidMentionException("nativeId is required: the source's own id of the item, so that "
                    + "sending it again updates it instead of duplicating it");
        }
        String sourceName = string(item, "sourceName", MAX_NAME);
        String url = string(item, "url", 4_000);
        if (url != null && !isHttpUrl(url)) {
            throw new InvalidMentionException("url must be an http(s) URL, got '" + url + "'");
        }
        String title = PlainText.fromHtml(string(item, "title", Integer.MAX_VALUE));
        String text = PlainText.fromHtml(string(item, "text", Integer.MAX_VALUE));
        title = title == null || title.isEmpty() ? null : PlainText.truncate(title, MAX_TITLE);
        if ((text == null || text.isEmpty()) && title == null) {
            throw new InvalidMentionException("text (or at least title) is required: it is what watches match");
        }
        boolean truncated = text != null && text.length() > maxTextLength;
        text = text == null ? "" : PlainText.truncate(text, maxTextLength);
        String language = string(item, "language", 16);
        if (language != null) {
            language = language.toLowerCase(Locale.ROOT);
            if (!LANGUAGE.matcher(language).matches()) {
                throw new InvalidMentionException("language must be an ISO 639-1 code such as fr or en, got '"
                        + language + "'");
            }
        }
        Instant publishedAt = instant(item, "publishedAt");
        if (publishedAt == null) {
            if (publishedAtRequired) {
                throw new InvalidMentionException("publishedAt is required for an import: an ISO-8601 date-time "
                        + "with offset, e.g. 2025-11-20T08:30:00Z");
            }
            publishedAt = fetchedAt;
        }
        MentionIngested mention = new MentionIngested(MentionIngested.SCHEMA_VERSION,
                MentionId.of(sourceType, nativeId), List.of(),
                new MentionSource(sourceType, sourceName == null ? sourceType : sourceName), url, author(item), title,
                text, language, publishedAt, fetchedAt, engagement(item), rating(item));
        return new Item(mention, truncated);
    }

    /**
     * @param mention   the mention, not matched yet
     * @param truncated whether its text was cut to the limit
     */
    public record Item(MentionIngested mention, boolean truncated) {
    }

    private static Author author(JsonNode item) throws InvalidMentionException {
        JsonNode author = item.get("author");
        if (absent(author)) {
            return null;
        }
        if (author.isString()) {
            return new Author(PlainText.truncate(author.stringValue().strip(), MAX_NAME), null, null, null);
        }
        if (!author.isObject()) {
            throw new InvalidMentionException("author must be a name or {name, handle, followers, karma}");
        }
        return new Author(string(author, "name", MAX_NAME), string(author, "handle", MAX_NAME),
                count(author, "author.followers", "followers"), count(author, "author.karma", "karma"));
    }

    private static Engagement engagement(JsonNode item) throws InvalidMentionException {
        JsonNode engagement = item.get("engagement");
        if (absent(engagement)) {
            return null;
        }
        if (!engagement.isObject()) {
            throw new InvalidMentionException("engagement must be {likes, shares, comments, views}");
        }
        return new Engagement(count(engagement, "engagement.likes", "likes"),
                count(engagement, "engagement.shares", "shares"),
                count(engagement, "engagement.comments", "comments"), count(engagement, "engagement.views", "views"));
    }

    private static Rating rating(JsonNode item) throws InvalidMentionException {
        JsonNode rating = item.get("rating");
        if (absent(rating)) {
            return null;
        }
        Double value = number(rating, "value");
        Double max = number(rating, "max");
        if (value == null || max == null || !(max > 0) || value < 0 || value > max) {
            throw new InvalidMentionException("rating must be {value, max} with 0 <= value <= max and max > 0, "
                    + "e.g. {\"value\": 2, \"max\": 5}");
        }
        return new Rating(value, max);
    }

    private static String string(JsonNode node, String field, int maxLength) throws InvalidMentionException {
        JsonNode value = node.get(field);
        if (absent(value)) {
            return null;
        }
        if (!value.isString() && !value.isNumber()) {
            throw new InvalidMentionException(field + " must be a string");
        }
        String text = value.asString().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > maxLength) {
            throw new InvalidMentionException(field + " is longer than " + maxLength + " characters");
        }
        return text;
    }

    private static Long count(JsonNode node, String name, String field) throws InvalidMentionException {
        JsonNode value = node.get(field);
        if (absent(value)) {
            return null;
        }
        try {
            long count = value.isNumber() && value.canConvertToLong() && value.isIntegralNumber() ? value.longValue()
                    : Long.parseLong(value.asString().strip());
            if (count < 0) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException e) {
            throw new InvalidMentionException(name + " must be a whole number >= 0, got " + value);
        }
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (absent(value)) {
            return null;
        }
        try {
            return value.isNumber() ? value.doubleValue() : Double.parseDouble(value.asString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode item, String field) throws InvalidMentionException {
        String value = string(item, field, 64);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidMentionException(field + " must be an ISO-8601 date-time with offset, e.g. "
                    + "2025-11-20T08:30:00Z or 2025-11-20T09:30:00+01:00, got '" + value + "'");
        }
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode()
                || (value.isString() && value.stringValue().isBlank());
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
