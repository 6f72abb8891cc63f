package io.vigie.ingest.source.http;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/**
 * A 2xx or 304 answer of a source, body already read (and bounded in size).
 *
 * @param status HTTP status, 2xx or 304
 * @param headers response headers (case-insensitive look-ups)
 * @param body   raw body; empty for a 304
 */
public record SourceResponse(int status, HttpHeaders headers, byte[] body) {

    /** The body as UTF-8; malformed bytes become U+FFFD instead of failing, so one bad byte loses nothing else. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean notModified() {
        return status == 304;
    }
}
