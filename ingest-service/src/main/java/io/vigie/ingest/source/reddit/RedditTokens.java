package io.vigie.ingest.source.reddit;

import io.vigie.ingest.credential.Credentials;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * App-only OAuth tokens (client credentials grant), one per credential reference, kept until shortly before they
 * expire. The client id and secret are read from {@code <ref>.client-id} and {@code <ref>.client-secret}.
 */
class RedditTokens {

    /** A token this close to expiry is renewed rather than risk a 401 in the middle of a poll. */
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SourceHttpClient http;
    private final Credentials credentials;
    private final RedditProperties settings;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    RedditTokens(SourceHttpClient http, Credentials credentials, RedditProperties settings, Clock clock) {
        this.http = http;
        this.credentials = credentials;
        this.settings = settings;
        this.clock = clock;
    }

    /** A valid bearer token for this credential reference, asked to Reddit when none is kept. */
    String token(SourceInstance instance, String credentialRef) throws SourceFetchException {
        Token kept = tokens.get(credentialRef);
        if (kept != null && clock.instant().isBefore(kept.expiresAt().minus(RENEW_BEFORE))) {
            return kept.value();
        }
        Token fresh = ask(instance, credentialRef);
        tokens.put(credentialRef, fresh);
        return fresh.value();
    }

    /** Forgets the token, e.g. after a refused call, so the next poll asks for a new one. */
    void forget(String credentialRef) {
        tokens.remove(credentialRef);
    }

    private Token ask(SourceInstance instance, String credentialRef) throws SourceFetchException {
        String clientId;
        String clientSecret;
        try {
            clientId = credentials.require(credentialRef + ".client-id");
            clientSecret = credentials.require(credentialRef + ".client-secret");
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SourceFetchException("Reddit needs the client id and secret of a Reddit \"script\" or \"web\" app: "
                    + e.getMessage(), e);
        }
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(settings.authUrl().toString().replaceAll("/+$", "") + "/api/v1/access_token");
        SourceResponse response = http.post(instance, uri,
                Map.of("Authorization", "Basic " + basic, "User-Agent", settings.userAgent(), "Accept", "application/json"),
                "application/x-www-form-urlencoded", "grant_type=client_credentials");
        try {
            JsonNode answer = JSON.readTree(response.text());
            JsonNode token = answer.path("access_token");
            if (!token.isString() || token.stringValue().isBlank()) {
                throw new SourceFetchException("Reddit gave no access token for credential '" + credentialRef + "' ("
                        + answer.path("error").asString("no error given") + "); check its client id and secret");
            }
            long expiresIn = answer.path("expires_in").asLong(3600);
            return new Token(token.stringValue(), clock.instant().plusSeconds(expiresIn));
        } catch (JacksonException e) {
            throw new SourceFetchException("Reddit's token answer from " + uri + " is not JSON; check "
                    + "vigie.ingest.reddit.auth-url", e);
        }
    }

    private record Token(String value, Instant expiresAt) {
    }
}
