package io.vigie.ingest.source.mastodon;

import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.credential.Credentials;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mastodon: per watch, on each of its {@code servers}, the timeline of each of its {@code tags} and the status search
 * of each of its {@code search} terms (most servers only answer searches with a token: the watch's optional
 * credentialRef). One instance per server and tag or search, shared by the watches naming it. The cursor is the id
 * of the newest status read ({@code min_id}, from the timeline's Link header), so the next poll gets only newer ones.
 */
@Component
public class MastodonConnector implements Connector {

    static final String SERVERS = "servers";
    static final String TAGS = "tags";
    static final String SEARCH = "search";
    static final String MIN_ID = "min-id";

    private static final Logger log = LoggerFactory.getLogger(MastodonConnector.class);

    private final WatchSources watches;
    private final SourceHttpClient http;
    private final Credentials credentials;
    private final MastodonProperties settings;
    private final MastodonStatuses statuses;
    private final Clock clock;

    public MastodonConnector(WatchSources watches, SourceHttpClient http, Credentials credentials,
                             MastodonProperties settings, Clock clock) {
        this.watches = watches;
        this.http = http;
        this.credentials = credentials;
        this.settings = settings;
        this.statuses = new MastodonStatuses(settings.maxTextLength());
        this.clock = clock;
    }

    @Override
    public String type() {
        return MastodonStatuses.SOURCE_TYPE;
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public List<SourceInstance> instances() {
        return targets().entrySet().stream()
                .map(target -> SourceInstance.of(type(), target.getKey(), target.getValue().pollInterval())).toList();
    }

    @Override
    public FetchResult fetch(SourceInstance instance, SourceCursor cursor) throws SourceFetchException {
        Target target = targets().get(instance.target());
        if (target == null) {
            throw new SourceFetchException(instance.id() + " is no longer named by any watch");
        }
        Instant fetchedAt = clock.instant();
        String minId = cursor.get(MIN_ID);
        Map<String, String> headers = headers(target);
        List<MentionIngested> mentions = new ArrayList<>();
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        String newest = minId;
        // Without a cursor only the newest page is read: a new watch starts from now.
        int maxPages = minId == null ? 1 : settings.maxPages();
        for (int page = 0; page < maxPages; page++) {
            URI uri = target.uri(newest, settings.pageSize());
            SourceResponse response = http.get(instance, uri, headers);
            MastodonStatuses.Page parsed;
            try {
                parsed = statuses.parse(response.text(), target.server().getAuthority(), fetchedAt);
            } catch (IllegalArgumentException e) {
                throw new SourceFetchException(uri + " is not a Mastodon list of statuses (" + e.getMessage()
                        + "); check the server in the watch's mastodon settings", e);
            }
            mentions.addAll(parsed.mentions());
            parsed.issues().forEach((issue, count) -> issues.merge(issue, count, Integer::sum));
            Optional<String> prev = LinkHeader.parameter(response.headers().firstValue("Link").orElse(null), "prev", "min_id");
            String pageNewest = prev.orElse(parsed.newest());
            if (pageNewest != null && (newest == null || MastodonStatuses.ID_ORDER.compare(pageNewest, newest) > 0)) {
                newest = pageNewest;
            }
            if (minId == null || parsed.size() < settings.pageSize()) {
                break;
            }
            if (page == maxPages - 1) {
                log.warn("source '{}': more than {} pages of new statuses since the last poll; the newest are read at "
                        + "the next poll (raise vigie.ingest.mastodon.max-pages or lower its poll-interval)",
                        instance.id(), maxPages);
            }
        }
        SourceCursor next = newest == null ? cursor : new SourceCursor(Map.of(MIN_ID, newest));
        return new FetchResult(mentions, next, false, issues);
    }

    private Map<String, String> headers(Target target) throws SourceFetchException {
        Map<String, String> headers = new HashMap<>(Map.of("Accept", "application/json"));
        if (target.credentialRef() != null) {
            try {
                credentials.resolve(target.credentialRef())
                        .ifPresent(token -> headers.put("Authorization", "Bearer " + token));
            } catch (IllegalArgumentException e) {
                throw new SourceFetchException(e.getMessage(), e);
            }
        }
        return headers;
    }

    /** Every server and tag or search the watches name, by instance target. */
    private Map<String, Target> targets() {
        Map<String, Target> targets = new LinkedHashMap<>();
        for (SourceBinding binding : watches.bindings(type())) {
            String ref = binding.source().credentialRef();
            String credentialRef = ref == null || ref.isBlank() ? null : ref.strip();
            Duration interval = binding.pollIntervalOr(pollInterval());
            for (String server : binding.source().setting(SERVERS)) {
                URI serverUri = server(server);
                if (serverUri == null) {
                    log.warn("watch '{}': mastodon server '{}' is neither a host name nor an http(s) URL; it is ignored",
                            binding.watchId(), server);
                    continue;
                }
                for (String tag : binding.source().setting(TAGS)) {
                    String name = tag.strip().replaceFirst("^#", "");
                    if (!name.isEmpty()) {
                        add(targets, new Target(serverUri, name, null, credentialRef, interval));
                    }
                }
                for (String query : binding.source().setting(SEARCH)) {
                    if (!query.isBlank()) {
                        add(targets, new Target(serverUri, null, query.strip(), credentialRef, interval));
                    }
                }
            }
        }
        return targets;
    }

    private static void add(Map<String, Target> targets, Target target) {
        // Watches sharing a target share the token of the first one that names a credential.
        targets.merge(target.name(), target, (kept, other) -> (kept.credentialRef() == null ? other : kept)
                .pollingEvery(SourceInstance.shorter(kept.pollInterval(), other.pollInterval())));
    }

    private static URI server(String server) {
        String value = server.strip().replaceAll("/+$", "");
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = URI.create(value.contains("://") ? value : "https://" + value);
            boolean http = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            return http && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A tag timeline ({@code tag} set) or a status search ({@code query} set) on one server, polled at the shortest
     * interval of the watches naming it.
     */
    private record Target(URI server, String tag, String query, String credentialRef, Duration pollInterval) {

        Target pollingEvery(Duration interval) {
            return new Target(server, tag, query, credentialRef, interval);
        }

        String name() {
            return server + (tag != null ? " #" + tag : " search:" + query);
        }

        URI uri(String minId, int limit) {
            String path = tag != null
                    ? "/api/v1/timelines/tag/" + encode(tag) + "?limit=" + limit
                    : "/api/v2/search?q=" + encode(query) + "&type=statuses&limit=" + limit;
            return URI.create(server + path + (minId == null ? "" : "&min_id=" + encode(minId)));
        }
    }
}
