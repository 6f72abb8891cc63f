package io.vigie.ingest.source.rss;

import com.rometools.rome.io.FeedException;
import io.vigie.ingest.config.HumanUnits;
import io.vigie.ingest.config.IngestProperties;
import io.vigie.ingest.source.Connector;
import io.vigie.ingest.source.FetchResult;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.watch.Watch;
import io.vigie.ingest.watch.WatchRepository;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * RSS and Atom feeds listed by the watches, each fetched once per cycle whatever the number of watches listing it.
 * Conditional GET: the feed's ETag and Last-Modified are the cursor, so an unchanged feed costs a 304 and no parsing.
 */
@Component
public class RssConnector implements Connector {

    static final String ETAG = "etag";
    static final String LAST_MODIFIED = "last-modified";

    private static final byte[] NO_BODY = new byte[0];

    private final WatchRepository watches;
    private final IngestProperties.Rss settings;
    private final RssFeedParser parser;
    private final HttpClient http;
    private final Clock clock;

    public RssConnector(WatchRepository watches, IngestProperties properties, Clock clock) {
        this.watches = watches;
        this.settings = properties.rss();
        this.parser = new RssFeedParser(settings.maxTextLength());
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
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
        Set<String> feeds = new LinkedHashSet<>();
        for (Watch watch : watches.all()) {
            feeds.addAll(watch.feeds());
        }
        return feeds.stream().map(feed -> SourceInstance.of(type(), feed)).toList();
    }

    @Override
    public FetchResult fetch(SourceInstance instance, SourceCursor cursor) throws SourceFetchException {
        String feedUrl = instance.target();
        Instant fetchedAt = clock.instant();
        HttpResponse<byte[]> response = get(feedUrl, cursor);
        int status = response.statusCode();
        if (status == 304) {
            return FetchResult.notModified(cursor);
        }
        if (status < 200 || status >= 300) {
            throw new SourceFetchException("HTTP " + status + " from " + feedUrl + advice(status));
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

    private HttpResponse<byte[]> get(String feedUrl, SourceCursor cursor) throws SourceFetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(feedUrl))
                .timeout(settings.readTimeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
                .GET();
        if (cursor.get(ETAG) != null) {
            request.header("If-None-Match", cursor.get(ETAG));
        }
        if (cursor.get(LAST_MODIFIED) != null) {
            request.header("If-Modified-Since", cursor.get(LAST_MODIFIED));
        }
        long maxBytes = settings.maxFeedSize().toBytes();
        CompletableFuture<HttpResponse<byte[]>> response = http.sendAsync(request.build(), info ->
                info.statusCode() / 100 == 2 ? new BoundedBody(maxBytes) : HttpResponse.BodySubscribers.replacing(NO_BODY));
        try {
            // The request timeout only covers the headers; this deadline also bounds a body that trickles in.
            return response.get(settings.connectTimeout().plus(settings.readTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new SourceFetchException("no complete answer from " + feedUrl + " within " + HumanUnits.of(settings.readTimeout())
                    + " (vigie.ingest.rss.read-timeout)", e);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceFetchException("interrupted while fetching " + feedUrl + " (the service is stopping)", e);
        } catch (ExecutionException e) {
            throw failure(feedUrl, e.getCause() == null ? e : e.getCause());
        }
    }

    private SourceFetchException failure(String feedUrl, Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new SourceFetchException("cannot connect to " + feedUrl + " within " + HumanUnits.of(settings.connectTimeout())
                    + " (vigie.ingest.rss.connect-timeout); check the host and the network", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new SourceFetchException("no answer from " + feedUrl + " within " + HumanUnits.of(settings.readTimeout())
                    + " (vigie.ingest.rss.read-timeout)", cause);
        }
        if (cause instanceof ConnectException) {
            return new SourceFetchException("cannot connect to " + feedUrl + "; check the URL and that the host is up",
                    cause);
        }
        if (cause instanceof BoundedBody.TooLargeException) {
            return new SourceFetchException(feedUrl + " is larger than " + HumanUnits.of(settings.maxFeedSize())
                    + " (vigie.ingest.rss.max-feed-size); raise the limit if this feed is really that big", cause);
        }
        return new SourceFetchException("cannot fetch " + feedUrl + ": " + cause, cause);
    }

    private static SourceCursor validators(HttpResponse<?> response) {
        Map<String, String> values = new HashMap<>();
        response.headers().firstValue("ETag").ifPresent(etag -> values.put(ETAG, etag));
        response.headers().firstValue("Last-Modified").ifPresent(date -> values.put(LAST_MODIFIED, date));
        return new SourceCursor(values);
    }

    private static String advice(int status) {
        if (status == 401 || status == 403) {
            return ": the server refuses access; check that the feed is public or that its URL carries its token";
        }
        if (status == 404 || status == 410) {
            return ": the feed is gone; check its URL in vigie.ingest.watches";
        }
        if (status == 429) {
            return ": the server asks to slow down; raise vigie.ingest.rss.poll-interval";
        }
        if (status >= 500) {
            return ": the feed server failed";
        }
        return "";
    }
}
