package io.vigie.ingest.source.hackernews;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The Hacker News connector ({@code vigie.ingest.hackernews}), which reads the Algolia search API.
 *
 * @param baseUrl       Algolia HN API root; point it at a proxy or a test server
 * @param pollInterval  time between two polls of the same search
 * @param hitsPerPage   items asked per page (Algolia allows up to 1000)
 * @param maxPages      pages read per poll when many items are new; beyond, the oldest of them are not read
 * @param maxTextLength characters kept of one item's text; longer texts are truncated and counted
 */
@ConfigurationProperties("vigie.ingest.hackernews")
public record HackerNewsProperties(
        @DefaultValue("https://hn.algolia.com") URI baseUrl,
        @DefaultValue("5m") Duration pollInterval,
        @DefaultValue("100") int hitsPerPage,
        @DefaultValue("10") int maxPages,
        @DefaultValue("1000000") int maxTextLength) {
}
