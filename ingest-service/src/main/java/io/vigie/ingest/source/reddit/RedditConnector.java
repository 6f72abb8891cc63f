package io.vigie.ingest.source.reddit;

import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.credential.Credentials;
import io.vigie.ingest.source.Connector;
import io.vigie.ingest.source.EntryIssue;
import io.vigie.ingest.source.FetchResult;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceRateLimitedException;
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
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reddit through its OAuth API with an app-only token. Per watch: {@code subreddits} (each read as new posts and new
 * comments) and {@code search} (site-wide search sorted by date); one instance per subreddit or search, shared by the
 * watches naming it. The cursor keeps, per listing, the fullname of the newest item read: the next poll asks only
 * for items newer than it ({@code before=}).
 */
@Component
public class RedditConnector implements Connector {

    static final String SUBREDDITS = "subreddits";
    static final String SEARCH = "search";
    static final String SUBREDDIT_PREFIX = "r/";
    static final String SEARCH_PREFIX = "search:";

    private static final Logger log = LoggerFactory.getLogger(RedditConnector.class);
    private static final Pattern SUBREDDIT_NAME = Pattern.compile("[A-Za-z0-9_]{2,21}");

    private final WatchSources watches;
    private final SourceHttpClient http;
    private final RedditProperties settings;
    private final RedditListing listing;
    private final RedditTokens tokens;
    private final Clock clock;

    public RedditConnector(WatchSources watches, SourceHttpClient http, Credentials credentials, RedditProperties settings,
                           Clock clock) {
        this.watches = watches;
        this.http = http;
        this.settings = settings;
        this.listing = new RedditListing(settings.webUrl(), settings.maxTextLength());
        this.tokens = new RedditTokens(http, credentials, settings, clock);
        this.clock = clock;
    }

    @Override
    public String type() {
        return RedditListing.SOURCE_TYPE;
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
        String credentialRef = target == null ? null : target.credentialRef();
        if (credentialRef == null || credentialRef.isEmpty()) {
            throw new SourceFetchException("no watch gives a credential for " + instance.id() + ": set credentialRef on "
                    + "the watch's reddit source and provide <ref>.client-id and <ref>.client-secret");
        }
        String token = tokens.token(instance, credentialRef);
        Instant fetchedAt = clock.instant();
        Map<String, String> next = new HashMap<>(cursor.values());
        List<MentionIngested> mentions = new ArrayList<>();
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        try {
            for (Map.Entry<String, String> path : listings(instance.target()).entrySet()) {
                String key = path.getKey() + ".before";
                String newest = read(instance, token, path.getValue(), cursor.get(key), fetchedAt, mentions, issues);
                if (newest != null) {
                    next.put(key, newest);
                }
            }
        } catch (SourceRateLimitedException e) {
            throw e;
        } catch (SourceFetchException e) {
            // A revoked or expired token shows as a refusal: the next poll starts with a new one.
            tokens.forget(credentialRef);
            throw e;
        }
        return new FetchResult(mentions, new SourceCursor(next), false, issues);
    }

    /** Reads one listing from its cursor on; returns the fullname of the newest item, null when nothing is new. */
    private String read(SourceInstance instance, String token, String path, String before, Instant fetchedAt,
                        List<MentionIngested> mentions, Map<EntryIssue, Integer> issues) throws SourceFetchException {
        String newest = null;
        String from = before;
        // Without a cursor only the newest page is read: a new watch starts from now.
        int maxPages = before == null ? 1 : settings.maxPages();
        for (int page = 0; page < maxPages; page++) {
            URI uri = uri(path, from);
            SourceResponse response = http.get(instance, uri, Map.of("Authorization", "Bearer " + token,
                    "User-Agent", settings.userAgent(), "Accept", "application/json"));
            RedditListing.Page parsed;
            try {
                parsed = listing.parse(response.text(), fetchedAt);
            } catch (IllegalArgumentException e) {
                throw new SourceFetchException(uri + " is not a Reddit listing (" + e.getMessage()
                        + "); check vigie.ingest.reddit.api-url", e);
            }
            mentions.addAll(parsed.mentions());
            parsed.issues().forEach((issue, count) -> issues.merge(issue, count, Integer::sum));
            if (parsed.newest() == null) {
                break;
            }
            newest = parsed.newest();
            if (before == null || parsed.size() < settings.pageSize()) {
                break;
            }
            // A full page after the cursor: even newer items may wait on the page before it.
            from = parsed.newest();
            if (page == maxPages - 1) {
                log.warn("source '{}': more than {} pages of new items in {} since the last poll; the newest are read "
                        + "at the next poll (raise vigie.ingest.reddit.max-pages or lower its poll-interval)",
                        instance.id(), maxPages, path);
            }
        }
        return newest;
    }

    private URI uri(String path, String before) {
        String base = settings.apiUrl().toString().replaceAll("/+$", "");
        StringBuilder uri = new StringBuilder(base).append(path).append(path.contains("?") ? '&' : '?')
                .append("limit=").append(settings.pageSize()).append("&raw_json=1");
        if (before != null) {
            uri.append("&before=").append(encode(before));
        }
        return URI.create(uri.toString());
    }

    /** Listing name (the cursor key) to path. */
    private static Map<String, String> listings(String target) {
        if (target.startsWith(SEARCH_PREFIX)) {
            String query = target.substring(SEARCH_PREFIX.length());
            return Map.of("search", "/search?q=" + encode(query) + "&sort=new&type=link");
        }
        String subreddit = target.substring(SUBREDDIT_PREFIX.length());
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("new", "/r/" + subreddit + "/new");
        paths.put("comments", "/r/" + subreddit + "/comments");
        return paths;
    }

    /** Every target the watches name, with the credential reference to read it with and how often. */
    private Map<String, Target> targets() {
        Map<String, Target> targets = new LinkedHashMap<>();
        for (SourceBinding binding : watches.bindings(type())) {
            List<String> named = new ArrayList<>();
            for (String subreddit : binding.source().setting(SUBREDDITS)) {
                String name = subreddit.strip().replaceFirst("^/?r/", "");
                if (SUBREDDIT_NAME.matcher(name).matches()) {
                    named.add(SUBREDDIT_PREFIX + name.toLowerCase(Locale.ROOT));
                } else {
                    log.warn("watch '{}': '{}' is not a subreddit name (letters, digits, '_'); it is ignored",
                            binding.watchId(), subreddit);
                }
            }
            binding.source().setting(SEARCH).stream().filter(query -> !query.isBlank())
                    .forEach(query -> named.add(SEARCH_PREFIX + query.strip()));
            String ref = binding.source().credentialRef() == null ? "" : binding.source().credentialRef().strip();
            Target target = new Target(ref, binding.pollIntervalOr(pollInterval()));
            for (String name : named) {
                // Watches sharing a target share its token: the first one that names a credential gives it.
                targets.merge(name, target, (kept, other) -> new Target(
                        kept.credentialRef().isEmpty() ? other.credentialRef() : kept.credentialRef(),
                        SourceInstance.shorter(kept.pollInterval(), other.pollInterval())));
            }
        }
        return targets;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * @param credentialRef the credential to read the target with; "" when no watch names one
     * @param pollInterval  the shortest interval of the watches naming the target
     */
    private record Target(String credentialRef, Duration pollInterval) {
    }
}
