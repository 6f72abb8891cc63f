package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A mention that contributed to an alert, with what a person needs to open it from a notification.
 *
 * @param id       the mention id
 * @param url      link to the original post; may be null
 * @param title    its title or the first words of its text; may be null
 * @param source   source type, e.g. {@code reddit}
 * @param language ISO 639-1 code; may be null
 * @param label    its sentiment label; may be null
 * @param reach    followers, karma or audience the source reports; null when unknown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertMention(String id, String url, String title, String source, String language,
                           SentimentLabel label, Long reach) {
}
