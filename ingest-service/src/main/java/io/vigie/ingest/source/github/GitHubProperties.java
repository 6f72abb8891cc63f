package io.vigie.ingest.source.github;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Everything under {@code vigie.ingest.github}.
 *
 * @param baseUrl       root of the REST API (GitHub Enterprise: {@code https://<host>/api/v3})
 * @param pollInterval  time between two searches of the same query; unauthenticated search allows 10 a minute
 * @param perPage       issues asked per page (at most 100)
 * @param maxPages      pages read per poll at most; the rest is read at the next poll from the same watermark
 * @param maxTextLength characters kept of one issue body; longer bodies are truncated and counted
 */
@ConfigurationProperties("vigie.ingest.github")
public record GitHubProperties(
        @DefaultValue("https://api.github.com") URI baseUrl,
        @DefaultValue("5m") Duration pollInterval,
        @DefaultValue("50") int perPage,
        @DefaultValue("3") int maxPages,
        @DefaultValue("100000") int maxTextLength) {
}
