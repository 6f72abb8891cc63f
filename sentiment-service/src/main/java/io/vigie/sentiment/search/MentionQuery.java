package io.vigie.sentiment.search;

import io.vigie.contracts.SentimentLabel;
import io.vigie.sentiment.language.DetectedLanguage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated mention search. Multi-valued filters take comma-separated values ({@code sentiment=negative,neutral}).
 *
 * @param text       words to search in the mentions' text and title; null for all mentions, newest first
 * @param sentiments effective sentiment labels to keep (wire names): an analyst's correction, else the model's; empty for all
 * @param languages  languages to keep (fr, en, other); empty for all
 * @param watchIds   watches to keep; empty for all
 * @param from       earliest publication time, inclusive; null for no bound
 * @param to         latest publication time, inclusive; null for no bound
 * @param size       hits per page, 1 to {@value #MAX_SIZE}
 * @param page       0-based page number
 */
public record MentionQuery(String text, List<String> sentiments, List<String> languages, List<String> watchIds,
                           Instant from, Instant to, int size, int page) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;
    /** OpenSearch's default max_result_window: deeper pages need search_after (later). */
    public static final int MAX_WINDOW = 10_000;
    private static final int MAX_TEXT_LENGTH = 1_000;
    private static final Set<String> LANGUAGES = Set.of(DetectedLanguage.FRENCH, DetectedLanguage.ENGLISH, DetectedLanguage.OTHER);

    /** Parses the raw request parameters, each possibly null, or says precisely which one is wrong. */
    public static MentionQuery parse(String q, String sentiment, String lang, String watch, String from, String to,
                                     String size, String page) {
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidSearchParameterException("q", "q is " + text.length() + " characters long; at most "
                    + MAX_TEXT_LENGTH + " are accepted");
        }
        List<String> sentiments = values(sentiment).stream().map(MentionQuery::sentimentLabel).toList();
        List<String> languages = values(lang).stream().map(MentionQuery::language).toList();
        List<String> watchIds = values(watch);
        Instant fromInstant = instant("from", from, false);
        Instant toInstant = instant("to", to, true);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            throw new InvalidSearchParameterException("from", "from (" + from + ") is after to (" + to + ")");
        }
        int sizeValue = integer("size", size, DEFAULT_SIZE);
        if (sizeValue < 1 || sizeValue > MAX_SIZE) {
            throw new InvalidSearchParameterException("size", "size must be between 1 and " + MAX_SIZE + ", was " + sizeValue);
        }
        int pageValue = integer("page", page, 0);
        if (pageValue < 0) {
            throw new InvalidSearchParameterException("page", "page must be 0 or more, was " + pageValue);
        }
        if ((long) (pageValue + 1) * sizeValue > MAX_WINDOW) {
            throw new InvalidSearchParameterException("page", "page " + pageValue + " of size " + sizeValue
                    + " goes past the first " + MAX_WINDOW + " hits; narrow the search with filters or dates");
        }
        return new MentionQuery(text, sentiments, languages, watchIds, fromInstant, toInstant, sizeValue, pageValue);
    }

    private static List<String> values(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }

    private static String sentimentLabel(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (SentimentLabel label : SentimentLabel.values()) {
            if (label.wireName().equals(lower)) {
                return lower;
            }
        }
        throw new InvalidSearchParameterException("sentiment", "unknown sentiment '" + value
                + "': use negative, neutral, positive or unsupported");
    }

    private static String language(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(lower)) {
            throw new InvalidSearchParameterException("lang", "unknown language '" + value + "': use fr, en or other");
        }
        return lower;
    }

    /** An ISO-8601 instant, date-time with offset, or date; a bare date as {@code to} means the end of that day (UTC). */
    private static Instant instant(String name, String raw, boolean endOfDay) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                LocalDate date = LocalDate.parse(value);
                return endOfDay ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : date.atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new InvalidSearchParameterException(name, name + " '" + value
                        + "' is not an ISO-8601 date or date-time; use e.g. 2026-11-21 or 2026-11-21T17:42:10Z");
            }
        }
    }

    private static int integer(String name, String raw, int defaultValue) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSearchParameterException(name, name + " '" + raw + "' is not a whole number");
        }
    }
}
