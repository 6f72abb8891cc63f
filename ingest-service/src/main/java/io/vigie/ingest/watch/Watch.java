package io.vigie.ingest.watch;

import io.vigie.contracts.WatchSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What to monitor: a brand or topic, the words that reveal it and the feeds to read.
 *
 * @param id        stable identifier carried by every matching mention ({@code watchIds})
 * @param name      human-readable name; defaults to the id
 * @param keywords  any-of: an item matches when its title or text contains one of them as whole words,
 *                  ignoring case and accents ({@code "energie"} matches {@code "Énergie"})
 * @param feeds     RSS/Atom feed URLs to poll for this watch
 * @param languages ISO 639-1 codes the watch is limited to; empty means all languages
 * @param sources   other sources to read for this watch, with their settings (Reddit subreddits, Mastodon tags, ...)
 */
public record Watch(String id, String name, List<String> keywords, List<String> feeds, List<String> languages,
                    List<WatchSource> sources) {

    public Watch {
        name = name == null || name.isBlank() ? id : name;
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
        languages = languages == null ? List.of() : List.copyOf(languages);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public Watch(String id, String name, List<String> keywords, List<String> feeds, List<String> languages) {
        this(id, name, keywords, feeds, languages, List.of());
    }

    /** Every source of the watch, its feeds as one {@code rss} source. */
    public List<WatchSource> allSources() {
        List<WatchSource> all = new ArrayList<>(sources);
        if (!feeds.isEmpty()) {
            all.add(new WatchSource("rss", Map.of("feeds", feeds), null));
        }
        return all;
    }
}
