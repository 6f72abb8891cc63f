package io.vigie.ingest.source.bluesky;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Everything under {@code vigie.ingest.bluesky}.
 *
 * @param baseUrl       XRPC root of the account's PDS, which proxies searches to the Bluesky AppView
 * @param pollInterval  time between two searches of the same query
 * @param pageSize      posts asked per page (searchPosts allows 1 to 100)
 * @param maxPages      pages read per poll at most; the rest is read at the next poll from the same watermark
 * @param maxTextLength characters kept of one post; longer texts are truncated and counted
 */
@ConfigurationProperties("vigie.ingest.bluesky")
public record BlueskyProperties(
        @DefaultValue("https://bsky.social/xrpc") URI baseUrl,
        @DefaultValue("2m") Duration pollInterval,
        @DefaultValue("100") int pageSize,
        @DefaultValue("5") int maxPages,
        @DefaultValue("100000") int maxTextLength) {
}
