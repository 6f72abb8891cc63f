package io.vigie.ingest.source.github;

import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.credential.Credentials;
import io.vigie.ingest.source.Connector;
import io.vigie.ingest.source.EntryIssue;
import io.vigie.ingest.source.FetchResult;
import io.vigie.ingest.source.SearchTargets;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceQuota;
import io.vigie.ingest.source.http.SourceQuotas;
import io.vigie.ingest.source.http.SourceRateLimitedException;
import io.vigie.ingest.watch.WatchSources;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub issues and pull requests found by the REST issue search, one instance per query of the watches
 * ({@code search} setting, GitHub search syntax such as {@code nuvelia in:title,body}), most recently updated first,
 * from an {@code updated:>=} watermark. A token (the watch's optional {@code credentialRef}) raises the search limit
 * from 10 to 30 calls a minute; the shared client paces calls after GitHub's {@code X-RateLimit-*} headers.
 */
@Component
public class GitHubConnector implements Connector {

    static final String UPDATED_SINCE = "updatedSince";
    /** Next page when a poll stopped at {@code max-pages}: the next poll goes on from there. */
    static final String PAGE = "page";
    /** Newest update of an unfinished sweep; becomes {@link #UPDATED_SINCE} once the sweep reaches its last page. */
    static final String PENDING_SINCE = "pendingSince";

    private final WatchSources watches;
    private final Credentials credentials;
    private final SourceHttpClient http;
    private final SourceQuotas quotas;
    private final GitHubProperties settings;
    private final GitHubIssueParser parser;
    private final Clock clock;
    /** Credential reference of each instance, as of the last {@link #instances()}: watches may change it. */
    private volatile Map<String, String> credentialRefs = Map.of();

    public GitHubConnector(WatchSources watches, Credentials credentials, SourceHttpClient http, SourceQuotas quotas,
                           GitHubProperties settings, Clock clock) {
        this.watches = watches;
        this.credentials = credentials;
        this.http = http;
        this.quotas = quotas;
        this.settings = settings;
        this.parser = new GitHubIssueParser(settings.maxTextLength());
        this.clock = clock;
    }

    @Override
    public String type() {
        return GitHubIssueParser.SOURCE_TYPE;
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public List<SourceInstance> instances() {
        SearchTargets targets = SearchTargets.of(type(), "search", watches.bindings(type()), pollInterval());
        credentialRefs = targets.credentialRefs();
        return targets.instances();
    }

    @Override
    public FetchResult fetch(SourceInstance instance, SourceCursor cursor) throws SourceFetchException {
        Map<String, String> headers = new HashMap<>();
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        token(instance).ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        Instant since = GitHubIssueParser.instant(cursor.get(UPDATED_SINCE));
        Instant pending = GitHubIssueParser.instant(cursor.get(PENDING_SINCE));
        Instant fetchedAt = clock.instant();
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        List<MentionIngested> mentions = new ArrayList<>();
        Instant newest = pending != null && (since == null || pending.isAfter(since)) ? pending : since;
        int first = cursor.get(PAGE) != null && cursor.get(PAGE).matches("[1-9]\\d{0,3}") ? Integer.parseInt(cursor.get(PAGE)) : 1;
        Integer nextPage = null;
        for (int page = first; page < first + settings.maxPages(); page++) {
            GitHubIssueParser.Page result;
            try {
                result = parser.parse(search(instance, searchUri(instance.target(), since, page), headers), fetchedAt, issues);
            } catch (IllegalArgumentException e) {
                throw new SourceFetchException("GitHub answered something that is not an issue search result for "
                        + instance.id() + " (" + e.getMessage() + "); check vigie.ingest.github.base-url", e);
            }
            mentions.addAll(result.mentions());
            if (result.newestUpdate() != null && (newest == null || result.newestUpdate().isAfter(newest))) {
                newest = result.newestUpdate();
            }
            if (result.items() < settings.perPage()) {
                nextPage = null;
                break;
            }
            nextPage = page + 1;
        }
        return new FetchResult(mentions, next(since, newest, nextPage), false, issues);
    }

    /**
     * Results come most recently updated first, so the watermark may only move once the sweep reached it; a sweep
     * cut short by {@code max-pages} goes on at the next poll instead of skipping what it did not read.
     */
    private static SourceCursor next(Instant since, Instant newest, Integer nextPage) {
        Map<String, String> values = new HashMap<>();
        if (nextPage == null) {
            if (newest != null) {
                values.put(UPDATED_SINCE, newest.toString());
            }
            return new SourceCursor(values);
        }
        if (since != null) {
            values.put(UPDATED_SINCE, since.toString());
        }
        if (newest != null) {
            values.put(PENDING_SINCE, newest.toString());
        }
        values.put(PAGE, Integer.toString(nextPage));
        return new SourceCursor(values);
    }

    private String search(SourceInstance instance, URI uri, Map<String, String> headers) throws SourceFetchException {
        try {
            return http.get(instance, uri, headers).text();
        } catch (SourceFetchException e) {
            // GitHub answers 403, not 429, once the rate limit is spent; its headers (read by the client) tell which.
            SourceQuota quota = quotas.get(instance.id());
            if (e.getMessage().startsWith("HTTP 403 ") && quota != null && Long.valueOf(0).equals(quota.remaining())) {
                throw new SourceRateLimitedException("GitHub search rate limit used up for " + instance.id() + " ("
                        + quota.limit() + " calls per window); it renews at " + quota.resetAt()
                        + (credentialRefs.containsKey(instance.id()) ? "" : "; a token (credentialRef) raises the limit"),
                        quota.resetAt());
            }
            throw e;
        }
    }

    private Optional<String> token(SourceInstance instance) throws SourceFetchException {
        String ref = credentialRefs.get(instance.id());
        if (ref == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(credentials.require(ref));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SourceFetchException("GitHub token for " + instance.id() + ": " + e.getMessage()
                    + " (or remove the credentialRef to search without a token, at 10 searches a minute)", e);
        }
    }

    private URI searchUri(String query, Instant since, int page) {
        // Inclusive, to the second: issues updated in the same second as the watermark come back and are de-duplicated.
        String q = since == null ? query : query + " updated:>=" + since.truncatedTo(ChronoUnit.SECONDS);
        return URI.create(settings.baseUrl() + "/search/issues?q=" + encode(q) + "&sort=updated&order=desc&per_page="
                + settings.perPage() + "&page=" + page);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
