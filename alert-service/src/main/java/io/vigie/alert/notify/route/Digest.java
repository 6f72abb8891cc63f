package io.vigie.alert.notify.route;

import java.util.Locale;

/** How a route batches alerts: at once, or one message per hour or per day. */
public enum Digest {
    NONE, HOURLY, DAILY;

    /** {@code none}, {@code hourly} or {@code daily}, any case; null or blank is none. */
    public static Digest parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("digest must be none, hourly or daily, was '" + value + "'");
        }
    }
}
