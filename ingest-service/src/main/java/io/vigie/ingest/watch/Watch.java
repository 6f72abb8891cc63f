package io.vigie.ingest.watch;

import io.vigie.contracts.WatchAlerting;
import io.vigie.contracts.WatchDefinition;
import io.vigie.contracts.WatchSource;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A watch as written in {@code application.yml} ({@code vigie.ingest.watches}), the short form kept from before
 * runtime watches: keywords instead of a query, feed URLs instead of an {@code rss} source. It becomes a
 * {@link WatchDefinition} (see {@link #toDefinition()}) seeded into the {@code watch-changed} topic.
 *
 * @param id        stable identifier carried by every matching mention ({@code watchIds})
 * @param name      human-readable name; defaults to the id
 * @param keywords  any-of: an item matches when its title or text contains one of them as whole words,
 *                  ignoring case and accents ({@code "energie"} matches {@code "Énergie"})
 * @param feeds     RSS/Atom feed URLs to poll for this watch
 * @param languages ISO 639-1 codes the watch is limited to; empty means all languages
 * @param sources   other sources to read for this watch, with their settings (Reddit subreddits, Mastodon tags, ...)
 * @param alerting  how the watch alerts and whom it tells, passed on to alert-service; null for its defaults
 */
public record Watch(String id, String name, List<String> keywords, List<String> feeds, List<String> languages,
                    List<WatchSource> sources, WatchAlerting alerting) {

    private static final Pattern QUOTES = Pattern.compile("[\"\u201C\u201D\u00AB\u00BB]");

    // Several constructors: tell configuration binding to use this one.
    @ConstructorBinding
    public Watch {
        name = name == null || name.isBlank() ? id : name;
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
        languages = languages == null ? List.of() : List.copyOf(languages);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public Watch(String id, String name, List<String> keywords, List<String> feeds, List<String> languages) {
        this(id, name, keywords, feeds, languages, List.of(), null);
    }

    /** Every source of the watch, its feeds as one {@code rss} source. */
    public List<WatchSource> allSources() {
        List<WatchSource> all = new ArrayList<>(sources);
        if (!feeds.isEmpty()) {
            all.add(new WatchSource("rss", Map.of("feeds", feeds), null));
        }
        return all;
    }

    /**
     * The keywords as the query {@code "kw1" OR "kw2"}: each one a phrase, so a keyword is never read as syntax
     * ({@code AND}, {@code title:}); quotes inside a keyword, which a phrase cannot hold, become spaces like any
     * other punctuation.
     */
    public String keywordQuery() {
        return keywords.stream()
                .filter(keyword -> keyword != null && !keyword.isBlank())
                .map(keyword -> '"' + QUOTES.matcher(keyword.strip()).replaceAll(" ") + '"')
                .collect(Collectors.joining(" OR "));
    }

    /** The full definition: keywords as a query, feeds as an {@code rss} source, time zone UTC, not paused. */
    public WatchDefinition toDefinition() {
        return new WatchDefinition(id, name, keywordQuery(), languages, WatchValidator.DEFAULT_TIME_ZONE, false, null,
                allSources(), alerting);
    }

    /** The short form of a definition, for callers that still read feeds as a list (its rss sources' feeds). */
    static Watch of(WatchDefinition definition) {
        List<String> feeds = definition.sources().stream()
                .filter(source -> "rss".equals(source.type()))
                .flatMap(source -> source.setting("feeds").stream())
                .toList();
        List<WatchSource> others = definition.sources().stream()
                .filter(source -> !"rss".equals(source.type()))
                .toList();
        return new Watch(definition.id(), definition.name(), List.of(), feeds, definition.languages(), others,
                definition.alerting());
    }
}
