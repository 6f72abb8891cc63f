package io.vigie.ingest.source.rss;

import com.rometools.rome.io.FeedException;
import io.vigie.ingest.config.IngestProperties;
import io.vigie.ingest.source.Connector;
import io.vigie.ingest.source.FetchResult;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceResponse;
import io.vigie.ingest.watch.SourceBinding;
import io.vigie.ingest.watch.WatchRepository;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RSS and Atom feeds listed by the watches, each fetched once per cycle whatever the number of watches listing it.
 * Conditional GET: the feed's ETag and Last-Modified are the cursor, so an unchanged feed costs a 304 and no parsing.
 */
@Component
public class RssConnector implements Connector {

    static final String ETAG = "etag";
    static final String LAST_MODIFIED = "last-modified";

    private final WatchRepository watches;
    private final IngestProperties.Rss settings;
    private final RssFeedParser parser;
    private final SourceHttpClient http;
    private final Clock clock;

    public RssConnector(WatchRepository watches, IngestProperties properties, SourceHttpClient http, Clock clock) {
        this.watches = watches;
        this.settings = properties.rss();
        this.parser = new RssFeedParser(settings.maxTextLength());
        this.clock = clock;
        this.http = http;
    }

    @Override
    public String type() {
        return RssFeedParser.SOURCE_TYPE;
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public List<SourceInstance> instances() {
        Map<String, SourceInstance> feeds = new LinkedHashMap<>();
        for (SourceBinding binding : watches.bindings(type())) {
            for (String feed : binding.source().setting("feeds")) {
                SourceInstance instance = SourceInstance.of(type(), feed, binding.pollIntervalOr(pollInterval()));
                feeds.merge(instance.id(), instance, SourceInstance::sharedWith);
            }
        }
        return List.copyOf(feeds.values());
    }

    @Override
    public FetchResult fetch(SourceInstance instance, SourceCursor cursor) throws SourceFetchException {
        String feedUrl = instance.target();
        Instant fetchedAt = clock.instant();
        SourceResponse response = http.get(instance, URI.create(feedUrl), conditionalHeaders(cursor));
        if (response.notModified()) {
            return FetchResult.notModified(cursor);
        }
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        RssFeedParser.ParsedFeed feed;
        try {
            feed = parser.parse(response.body(), contentType, feedUrl, fetchedAt);
        } catch (FeedException | IOException | RuntimeException e) {
            throw new SourceFetchException(feedUrl + " is not a readable RSS or Atom feed (" + e.getMessage()
                    + "); check that the URL points at the feed itself, not at a web page", e);
        }
        return new FetchResult(feed.mentions(), validators(response), false, feed.issues());
    }

    private Map<String, String> conditionalHeaders(SourceCursor cursor) {
        Map<String, String> headers = new HashMap<>();
        headers.put("User-Agent", settings.userAgent());
        headers.put("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5");
        if (cursor.get(ETAG) != null) {
            headers.put("If-None-Match", cursor.get(ETAG));
        }
        if (cursor.get(LAST_MODIFIED) != null) {
            headers.put("If-Modified-Since", cursor.get(LAST_MODIFIED));
        }
        return headers;
    }

    private static SourceCursor validators(SourceResponse response) {
        Map<String, String> values = new HashMap<>();
        response.headers().firstValue("ETag").ifPresent(etag -> values.put(ETAG, etag));
        response.headers().firstValue("Last-Modified").ifPresent(date -> values.put(LAST_MODIFIED, date));
        return new SourceCursor(values);
    }
}
