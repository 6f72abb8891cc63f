package io.vigie.ingest.watch;

import java.util.List;

/**
 * What to monitor: a brand or topic, the words that reveal it and the feeds to read.
 *
 * @param id        stable identifier carried by every matching mention ({@code watchIds})
 * @param name      human-readable name; defaults to the id
 * @param keywords  any-of: an item matches when its title or text contains one of them as whole words,
 *                  ignoring case and accents ({@code "energie"} matches {@code "Énergie"})
 * @param feeds     RSS/Atom feed URLs to poll for this watch
 * @param languages ISO 639-1 codes the watch is limited to; empty means all languages
 */
public record Watch(String id, String name, List<String> keywords, List<String> feeds, List<String> languages) {

    public Watch {
        name = name == null || name.isBlank() ? id : name;
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
        languages = languages == null ? List.of() : List.copyOf(languages);
    }
}
