package io.vigie.ingest.source.hackernews;

import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.source.Connector;
import io.vigie.ingest.source.EntryIssue;
import io.vigie.ingest.source.FetchResult;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceResponse;
import io.vigie.ingest.watch.SourceBinding;
import io.vigie.ingest.watch.WatchSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hacker News stories and comments, through Algolia's {@code search_by_date}: one instance per distinct search
 * (a watch's {@code search} setting, else its id), shared by the watches naming it. The cursor is a time watermark,
 * the creation time of the newest item read, so the next poll only asks for items created after it.
 */
@Component
public class HackerNewsConnector implements Connector {

    static final String CREATED_AFTER = "created-after";
    static final String SEARCH = "search";

    private static final Logger log = LoggerFactory.getLogger(HackerNewsConnector.class);

    private final WatchSources watches;
    private final SourceHttpClient http;
    private final HackerNewsProperties settings;
    private final HackerNewsHits hits;
    private final Clock clock;

    public HackerNewsConnector(WatchSources watches, SourceHttpClient http, HackerNewsProperties settings, Clock clock) {
        this.watches = watches;
        this.http = http;
        this.settings = settings;
        this.hits = new HackerNewsHits(settings.maxTextLength());
        this.clock = clock;
    }

    @Override
    public String type() {
        return HackerNewsHits.SOURCE_TYPE;
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public List<SourceInstance> instances() {
        Map<String, SourceInstance> searches = new LinkedHashMap<>();
        for (SourceBinding binding : watches.bindings(type())) {
            List<String> configured = binding.source().setting(SEARCH).stream().filter(s -> !s.isBlank()).toList();
            for (String search : configured.isEmpty() ? List.of(binding.watchId()) : configured) {
                SourceInstance instance = SourceInstance.of(type(), search.strip(), binding.pollIntervalOr(pollInterval()));
                searches.merge(instance.id(), instance, SourceInstance::sharedWith);
            }
        }
        return List.copyOf(searches.values());
    }

    @Override
    public FetchResult fetch(SourceInstance instance, SourceCursor cursor) throws SourceFetchException {
        Instant fetchedAt = clock.instant();
        String createdAfter = cursor.get(CREATED_AFTER);
        List<MentionIngested> mentions = new ArrayList<>();
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        Long newest = createdAfter == null ? null : Long.valueOf(createdAfter);
        // Without a watermark only the newest page is read: a new watch starts from now, not from 2007.
        int maxPages = createdAfter == null ? 1 : settings.maxPages();
        int pages = 1;
        for (int page = 0; page < Math.min(pages, maxPages); page++) {
            URI uri = searchUri(instance.target(), createdAfter, page);
            SourceResponse response = http.get(instance, uri, Map.of("Accept", "application/json"));
            HackerNewsHits.Page parsed;
            try {
                parsed = hits.parse(response.text(), fetchedAt);
            } catch (IllegalArgumentException e) {
                throw new SourceFetchException(uri + " is not an Algolia search answer (" + e.getMessage()
                        + "); check vigie.ingest.hackernews.base-url", e);
            }
            mentions.addAll(parsed.mentions());
            parsed.issues().forEach((issue, count) -> issues.merge(issue, count, Integer::sum));
            if (parsed.newestCreated() != null && (newest == null || parsed.newestCreated() > newest)) {
                newest = parsed.newestCreated();
            }
            pages = parsed.pages();
        }
        if (createdAfter != null && pages > maxPages) {
            log.warn("source '{}': more than {} pages of new items since the last poll; the oldest of them are not read "
                    + "(raise vigie.ingest.hackernews.max-pages or lower its poll-interval)", instance.id(), maxPages);
        }
        SourceCursor next = newest == null ? cursor : new SourceCursor(Map.of(CREATED_AFTER, Long.toString(newest)));
        return new FetchResult(mentions, next, false, issues);
    }

    private URI searchUri(String search, String createdAfter, int page) {
        StringBuilder query = new StringBuilder("query=").append(encode(search))
                .append("&tags=").append(encode("(story,comment)"))
                .append("&hitsPerPage=").append(settings.hitsPerPage())
                .append("&page=").append(page);
        if (createdAfter != null) {
            query.append("&numericFilters=").append(encode("created_at_i>" + createdAfter));
        }
        String base = settings.baseUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/api/v1/search_by_date?" + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
