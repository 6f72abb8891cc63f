package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The source a mention came from.
 *
 * @param type kind of source, lower-case (e.g. {@code rss}, {@code reddit}, {@code demo}, {@code push})
 * @param name the source instance, e.g. the feed title or {@code r/france}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionSource(String type, String name) {
}
