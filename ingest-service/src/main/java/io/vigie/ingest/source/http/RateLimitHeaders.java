package io.vigie.ingest.source.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a response says about the caller's allowance, whichever header family the source uses:
 * {@code X-Ratelimit-Remaining/Reset/Used} (Reddit: reset in seconds), {@code X-RateLimit-Remaining/Reset/Limit}
 * (GitHub: epoch seconds; Mastodon: ISO-8601 date), {@code RateLimit-Remaining/Reset/Limit} (Bluesky: epoch seconds;
 * IETF draft: seconds), the structured IETF {@code RateLimit} header, and {@code Retry-After} (seconds or HTTP date).
 * Header names are case-insensitive, so Reddit's and GitHub's spellings are the same look-up; a reset value is told
 * apart by its size (a delay is far below any epoch second since 2001).
 *
 * @param remaining  calls left in the window; null when not announced
 * @param limit      calls per window; null when not announced
 * @param resetAt    when the window renews; null when not announced
 * @param retryAfter when the source asked to be called again (Retry-After); null when not asked
 */
record RateLimitHeaders(Long remaining, Long limit, Instant resetAt, Instant retryAfter) {

    private static final long EPOCH_SECONDS_FLOOR = 1_000_000_000L;
    private static final Pattern LEADING_NUMBER = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern STRUCTURED_FIELD = Pattern.compile("(?:^|[;,\\s])(remaining|r|reset|t|limit|q)=(\\d+)");

    static RateLimitHeaders parse(HttpHeaders headers, Instant now) {
        Long remaining = number(first(headers, "X-RateLimit-Remaining", "RateLimit-Remaining"));
        Long limit = number(first(headers, "X-RateLimit-Limit", "RateLimit-Limit"));
        Instant resetAt = reset(first(headers, "X-RateLimit-Reset", "RateLimit-Reset"), now);
        Long used = number(first(headers, "X-RateLimit-Used"));
        String structured = first(headers, "RateLimit");
        if (structured != null) {
            Matcher field = STRUCTURED_FIELD.matcher(structured);
            while (field.find()) {
                long value = Long.parseLong(field.group(2));
                switch (field.group(1)) {
                    case "remaining", "r" -> remaining = remaining == null ? value : remaining;
                    case "reset", "t" -> resetAt = resetAt == null ? now.plusSeconds(value) : resetAt;
                    default -> limit = limit == null ? value : limit;
                }
            }
        }
        if (limit == null && used != null && remaining != null) {
            limit = used + remaining;
        }
        return new RateLimitHeaders(remaining, limit, resetAt, retryAfter(first(headers, "Retry-After"), now));
    }

    boolean announcesQuota() {
        return remaining != null || limit != null || resetAt != null;
    }

    /**
     * How long to wait before the next call so as never to be refused: until the reset when nothing is left, the time
     * to the reset shared among the remaining calls when few are left ({@code lowRemaining} or fewer), and at least
     * until Retry-After.
     */
    Duration waitBeforeNextCall(Instant now, int lowRemaining) {
        Duration wait = Duration.ZERO;
        if (remaining != null && resetAt != null && remaining <= lowRemaining) {
            Duration untilReset = positive(Duration.between(now, resetAt));
            wait = remaining <= 0 ? untilReset : untilReset.dividedBy(remaining);
        }
        if (retryAfter != null) {
            Duration asked = positive(Duration.between(now, retryAfter));
            wait = asked.compareTo(wait) > 0 ? asked : wait;
        }
        return wait;
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    private static String first(HttpHeaders headers, String... names) {
        for (String name : names) {
            Optional<String> value = headers.firstValue(name);
            if (value.isPresent() && !value.get().isBlank()) {
                return value.get().trim();
            }
        }
        return null;
    }

    /** Leading number of values like {@code 598.0} (Reddit) or {@code 100, 100;w=60} (IETF draft). */
    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        Matcher number = LEADING_NUMBER.matcher(value);
        return number.find() ? (long) Math.floor(Double.parseDouble(number.group(1))) : null;
    }

    private static Instant reset(String value, Instant now) {
        if (value == null) {
            return null;
        }
        Long seconds = value.matches("-?\\d+(\\.\\d+)?") ? number(value) : null;
        if (seconds != null) {
            return seconds >= EPOCH_SECONDS_FLOOR ? Instant.ofEpochSecond(seconds) : now.plusSeconds(Math.max(0, seconds));
        }
        return date(value);
    }

    private static Instant retryAfter(String value, Instant now) {
        if (value == null) {
            return null;
        }
        if (value.matches("\\d+")) {
            return now.plusSeconds(Long.parseLong(value));
        }
        return date(value);
    }

    /** ISO-8601 (Mastodon) or the HTTP date format (Retry-After). */
    private static Instant date(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException notHttpDate) {
                return null;
            }
        }
    }
}
