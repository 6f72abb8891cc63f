package io.vigie.ingest.source.discourse;

import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.credential.Credentials;
import io.vigie.ingest.source.Connector;
import io.vigie.ingest.source.EntryIssue;
import io.vigie.ingest.source.FetchResult;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.watch.SourceBinding;
import io.vigie.ingest.watch.WatchSources;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discourse forums listed by the watches ({@code baseUrls}). Without {@code search} terms, a forum instance reads
 * its latest posts ({@code /posts.json}, paging back with {@code before} to the last post seen); with terms, one
 * instance per term searches ({@code /search.json?q=<term> order:latest}) and reads the posts of the topics found
 * ({@code /t/<id>.json}). The cursor is the highest post id seen: Discourse post ids only grow. A private forum is
 * read with an API key: the watch's {@code credentialRef} names {@code <ref>.api-key} and, optionally,
 * {@code <ref>.api-username} (default {@code system}).
 */
@Component
public class DiscourseConnector implements Connector {

    static final String LAST_POST_ID = "lastPostId";

    private static final String SEARCH = " search:";
    private static final String DEFAULT_API_USERNAME = "system";

    private final WatchSources watches;
    private final Credentials credentials;
    private final SourceHttpClient http;
    private final DiscourseProperties settings;
    private final DiscourseParser parser;
    private final Clock clock;
    /** What each instance reads, as of the last {@link #instances()}: watches may change. */
    private volatile Map<String, Target> targets = Map.of();

    public DiscourseConnector(WatchSources watches, Credentials credentials, SourceHttpClient http,
                              DiscourseProperties settings, Clock clock) {
        this.watches = watches;
        this.credentials = credentials;
        this.http = http;
        this.settings = settings;
        this.parser = new DiscourseParser(settings.maxTextLength());
        this.clock = clock;
    }

    /**
     * @param term          the search term, or null for the forum's latest posts
     * @param credentialRef names the API key of a private forum; null for a public one
     */
    private record Target(String baseUrl, String term, String credentialRef) {
    }

    @Override
    public String type() {
        return DiscourseParser.SOURCE_TYPE;
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public List<SourceInstance> instances() {
        Map<String, SourceInstance> instances = new LinkedHashMap<>();
        Map<String, Target> found = new HashMap<>();
        for (SourceBinding binding : watches.bindings(type())) {
            List<String> terms = binding.source().setting("search").stream().filter(t -> t != null && !t.isBlank()).toList();
            String ref = binding.source().credentialRef();
            for (String baseUrl : binding.source().setting("baseUrls")) {
                if (baseUrl == null || !baseUrl.strip().matches("(?i)https?://.+")) {
                    continue;
                }
                String base = baseUrl.strip().replaceAll("/+$", "");
                Duration interval = binding.pollIntervalOr(pollInterval());
                if (terms.isEmpty()) {
                    add(instances, found, new Target(base, null, ref), interval);
                } else {
                    terms.forEach(term -> add(instances, found, new Target(base, term.strip(), ref), interval));
                }
            }
        }
        targets = Map.copyOf(found);
        return List.copyOf(instances.values());
    }

    private void add(Map<String, SourceInstance> instances, Map<String, Target> found, Target target,
                     Duration interval) {
        SourceInstance instance = SourceInstance.of(type(), target.term() == null ? target.baseUrl()
                : target.baseUrl() + SEARCH + target.term(), interval);
        instances.merge(instance.id(), instance, SourceInstance::sharedWith);
        found.putIfAbsent(instance.id(), target);
    }

    @Override
    public FetchResult fetch(SourceInstance instance, SourceCursor cursor) throws SourceFetchException {
        Target target = targets.get(instance.id());
        if (target == null) {
            throw new SourceFetchException(instance.id() + " is no longer listed by any watch (baseUrls setting)");
        }
        long lastSeen = lastPostId(cursor);
        Map<String, String> headers = headers(instance, target);
        Instant fetchedAt = clock.instant();
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        List<MentionIngested> mentions = new ArrayList<>();
        long highest = lastSeen;
        try {
            List<DiscourseParser.Posts> pages = target.term() == null
                    ? latestPosts(instance, target, headers, lastSeen, fetchedAt, issues)
                    : searchedPosts(instance, target, headers, lastSeen, fetchedAt, issues);
            for (DiscourseParser.Posts page : pages) {
                mentions.addAll(page.mentions());
                highest = Math.max(highest, page.postIds().stream().mapToLong(Long::longValue).max().orElse(0));
            }
        } catch (IllegalArgumentException e) {
            throw new SourceFetchException(target.baseUrl() + " did not answer like a Discourse forum (" + e.getMessage()
                    + "); check the watch's baseUrls setting (the forum's root URL, e.g. https://forum.example.org)", e);
        }
        SourceCursor next = highest > lastSeen ? new SourceCursor(Map.of(LAST_POST_ID, Long.toString(highest))) : cursor;
        return new FetchResult(mentions, next, false, issues);
    }

    /** Newest first; pages back while every post of the page is new, so a burst between two polls is not missed. */
    private List<DiscourseParser.Posts> latestPosts(SourceInstance instance, Target target, Map<String, String> headers,
                                                    long lastSeen, Instant fetchedAt, Map<EntryIssue, Integer> issues)
            throws SourceFetchException {
        List<DiscourseParser.Posts> pages = new ArrayList<>();
        String uri = target.baseUrl() + "/posts.json";
        for (int page = 0; page < settings.maxPages(); page++) {
            DiscourseParser.Posts posts = parser.parseLatestPosts(get(instance, uri, headers), target.baseUrl(), fetchedAt,
                    lastSeen, issues);
            pages.add(posts);
            // The first poll starts from now: the forum's whole history is not a stream of new mentions.
            if (lastSeen == 0 || posts.lowestId() == null || posts.lowestId() <= lastSeen + 1) {
                break;
            }
            uri = target.baseUrl() + "/posts.json?before=" + posts.lowestId();
        }
        return pages;
    }

    private List<DiscourseParser.Posts> searchedPosts(SourceInstance instance, Target target, Map<String, String> headers,
                                                      long lastSeen, Instant fetchedAt, Map<EntryIssue, Integer> issues)
            throws SourceFetchException {
        String query = URLEncoder.encode(target.term() + " order:latest", StandardCharsets.UTF_8).replace("+", "%20");
        List<Long> topicIds = parser.parseSearchTopicIds(get(instance, target.baseUrl() + "/search.json?q=" + query, headers));
        List<DiscourseParser.Posts> pages = new ArrayList<>();
        for (Long topicId : topicIds.stream().limit(settings.maxTopics()).toList()) {
            pages.add(parser.parseTopic(get(instance, target.baseUrl() + "/t/" + topicId + ".json", headers), target.baseUrl(),
                    fetchedAt, lastSeen, issues));
        }
        return pages;
    }

    /** 0 when absent or unreadable: the forum is then read from its latest page, as at the first poll. */
    private static long lastPostId(SourceCursor cursor) {
        String value = cursor.get(LAST_POST_ID);
        return value != null && value.matches("\\d{1,18}") ? Long.parseLong(value) : 0;
    }

    private Map<String, String> headers(SourceInstance instance, Target target) throws SourceFetchException {
        if (target.credentialRef() == null) {
            return Map.of("Accept", "application/json");
        }
        try {
            String key = credentials.require(target.credentialRef() + ".api-key");
            String username = credentials.resolve(target.credentialRef() + ".api-username").orElse(DEFAULT_API_USERNAME);
            return Map.of("Accept", "application/json", "Api-Key", key, "Api-Username", username);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SourceFetchException("Discourse API key for " + instance.id() + ": " + e.getMessage()
                    + " (or remove the credentialRef to read the forum as an anonymous visitor)", e);
        }
    }

    private String get(SourceInstance instance, String uri, Map<String, String> headers) throws SourceFetchException {
        return http.get(instance, URI.create(uri), headers).text();
    }
}
