package io.vigie.ingest.source.bluesky;

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
import io.vigie.ingest.watch.WatchSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bluesky posts found by {@code app.bsky.feed.searchPosts}, one instance per search query of the watches
 * ({@code search} setting), newest first ({@code sort=latest}), from a {@code since} watermark, following
 * {@code cursor} pages. Searching needs an account: the watch's {@code credentialRef} names an app password
 * ({@code <ref>.identifier} and {@code <ref>.app-password}), exchanged for an access token that is kept until it
 * expires or is refused.
 */
@Component
public class BlueskyConnector implements Connector {

    static final String SINCE = "since";
    /** Server cursor of the next page when a poll stopped at {@code max-pages}: the next poll goes on from there. */
    static final String PAGE = "page";
    /** Newest post of an unfinished sweep; becomes {@link #SINCE} once the sweep reaches its last page. */
    static final String PENDING_SINCE = "pendingSince";

    private static final Logger log = LoggerFactory.getLogger(BlueskyConnector.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A token this close to its expiry is renewed first, so a search never starts with a token about to die. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);
    /** When the token does not tell its expiry; Bluesky access tokens last about two hours. */
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(30);

    private final WatchSources watches;
    private final Credentials credentials;
    private final SourceHttpClient http;
    private final BlueskyProperties settings;
    private final BlueskyPostParser parser;
    private final Clock clock;
    /** Credential reference of each instance, as of the last {@link #instances()}: watches may change it. */
    private volatile Map<String, String> credentialRefs = Map.of();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public BlueskyConnector(WatchSources watches, Credentials credentials, SourceHttpClient http,
                            BlueskyProperties settings, Clock clock) {
        this.watches = watches;
        this.credentials = credentials;
        this.http = http;
        this.settings = settings;
        this.parser = new BlueskyPostParser(settings.maxTextLength());
        this.clock = clock;
    }

    private record Session(String accessJwt, Instant expiresAt) {
    }

    @Override
    public String type() {
        return BlueskyPostParser.SOURCE_TYPE;
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
        String ref = credentialRefs.get(instance.id());
        if (ref == null) {
            throw new SourceFetchException("Bluesky search needs an account: give the watch's bluesky source a "
                    + "credentialRef and set its values <ref>.identifier and <ref>.app-password (an app password, "
                    + "from Settings > App passwords)");
        }
        Instant fetchedAt = clock.instant();
        Instant watermark = BlueskyPostParser.instant(cursor.get(SINCE));
        String since = watermark == null ? null : watermark.toString();
        Instant pending = BlueskyPostParser.instant(cursor.get(PENDING_SINCE));
        Instant newest = pending != null && (watermark == null || pending.isAfter(watermark)) ? pending : watermark;
        List<MentionIngested> mentions = new ArrayList<>();
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        String pageCursor = cursor.get(PAGE);
        for (int page = 0; page < settings.maxPages(); page++) {
            BlueskyPostParser.Page result = parse(search(instance, ref, since, pageCursor), fetchedAt, instance);
            mentions.addAll(result.mentions());
            result.issues().forEach((issue, count) -> issues.merge(issue, count, Integer::sum));
            if (result.newest() != null && (newest == null || result.newest().isAfter(newest))) {
                newest = result.newest();
            }
            pageCursor = result.cursor();
            if (result.mentions().isEmpty() && result.issues().isEmpty()) {
                pageCursor = null;
            }
            if (pageCursor == null) {
                break;
            }
        }
        return new FetchResult(mentions, next(watermark, newest, pageCursor, instance), false, issues);
    }

    /**
     * Results come newest first, so the watermark may only move once the sweep reached the watermark itself;
     * a sweep cut short by {@code max-pages} goes on at the next poll instead of skipping what it did not read.
     */
    private SourceCursor next(Instant watermark, Instant newest, String pageCursor, SourceInstance instance) {
        Map<String, String> values = new HashMap<>();
        if (pageCursor == null) {
            if (newest != null) {
                values.put(SINCE, newest.toString());
            }
            return new SourceCursor(values);
        }
        log.info("source '{}': more than {} pages of new posts, the next poll goes on reading them "
                + "(vigie.ingest.bluesky.max-pages)", instance.id(), settings.maxPages());
        if (watermark != null) {
            values.put(SINCE, watermark.toString());
        }
        if (newest != null) {
            values.put(PENDING_SINCE, newest.toString());
        }
        values.put(PAGE, pageCursor);
        return new SourceCursor(values);
    }

    private BlueskyPostParser.Page parse(String body, Instant fetchedAt, SourceInstance instance) throws SourceFetchException {
        try {
            return parser.parse(body, fetchedAt);
        } catch (IllegalArgumentException e) {
            throw new SourceFetchException("Bluesky answered something that is not a search result for "
                    + instance.id() + " (" + e.getMessage() + "); check vigie.ingest.bluesky.base-url", e);
        }
    }

    private String search(SourceInstance instance, String ref, String since, String pageCursor) throws SourceFetchException {
        StringBuilder query = new StringBuilder("/app.bsky.feed.searchPosts?q=").append(encode(instance.target()))
                .append("&sort=latest&limit=").append(settings.pageSize());
        if (since != null) {
            query.append("&since=").append(encode(since));
        }
        if (pageCursor != null) {
            query.append("&cursor=").append(encode(pageCursor));
        }
        URI uri = URI.create(settings.baseUrl() + query.toString());
        try {
            return http.get(instance, uri, authorization(instance, ref)).text();
        } catch (SourceFetchException e) {
            // The client tells a refusal only by its message; a refused token is renewed once, a bad password is not.
            if (!e.getMessage().startsWith("HTTP 401 ")) {
                throw e;
            }
            log.info("source '{}': access token refused, opening a new session", instance.id());
            sessions.remove(ref);
            return http.get(instance, uri, authorization(instance, ref)).text();
        }
    }

    private Map<String, String> authorization(SourceInstance instance, String ref) throws SourceFetchException {
        Session session = sessions.get(ref);
        if (session == null || !clock.instant().plus(EXPIRY_MARGIN).isBefore(session.expiresAt())) {
            session = createSession(instance, ref);
            sessions.put(ref, session);
        }
        return Map.of("Authorization", "Bearer " + session.accessJwt(), "Accept", "application/json");
    }

    private Session createSession(SourceInstance instance, String ref) throws SourceFetchException {
        String identifier;
        String password;
        try {
            identifier = credentials.require(ref + ".identifier");
            password = credentials.require(ref + ".app-password");
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SourceFetchException("Bluesky account for " + instance.id() + ": " + e.getMessage(), e);
        }
        String body = JSON.createObjectNode().put("identifier", identifier).put("password", password).toString();
        URI uri = URI.create(settings.baseUrl() + "/com.atproto.server.createSession");
        String answer;
        try {
            answer = http.post(instance, uri, Map.of("Accept", "application/json"), "application/json", body).text();
        } catch (SourceFetchException e) {
            if (e.getMessage().startsWith("HTTP 401 ")) {
                throw new SourceFetchException("Bluesky refused the app password of '" + identifier + "' (credential '"
                        + ref + "'): check <ref>.identifier and <ref>.app-password, or create a new app password", e);
            }
            throw e;
        }
        try {
            JsonNode session = JSON.readTree(answer);
            JsonNode accessJwt = session.path("accessJwt");
            if (!accessJwt.isString()) {
                throw new SourceFetchException("Bluesky opened no session for '" + identifier + "': no accessJwt in its answer");
            }
            return new Session(accessJwt.stringValue(), expiry(accessJwt.stringValue()));
        } catch (JacksonException e) {
            throw new SourceFetchException("Bluesky answered createSession with something that is not JSON; check "
                    + "vigie.ingest.bluesky.base-url", e);
        }
    }

    /** The {@code exp} claim of the token, read without checking the signature (only the PDS needs to trust it). */
    private Instant expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length >= 2) {
            try {
                JsonNode exp = JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("exp");
                if (exp.isIntegralNumber()) {
                    return Instant.ofEpochSecond(exp.longValue());
                }
            } catch (IllegalArgumentException | JacksonException e) {
                log.debug("Bluesky access token has no readable expiry: {}", e.getMessage());
            }
        }
        return clock.instant().plus(DEFAULT_TOKEN_LIFETIME);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
