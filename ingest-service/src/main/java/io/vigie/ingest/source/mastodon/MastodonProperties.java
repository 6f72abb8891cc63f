package io.vigie.ingest.source.mastodon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The Mastodon connector ({@code vigie.ingest.mastodon}). Servers come from the watches ({@code servers} setting):
 * a bare host name means {@code https://<host>}; a full URL (a proxy, a test server) is used as given.
 *
 * @param pollInterval  time between two polls of the same tag or search on a server
 * @param pageSize      statuses asked per page (Mastodon allows up to 40)
 * @param maxPages      pages read per poll when many statuses are new
 * @param maxTextLength characters kept of one status; longer texts are truncated and counted
 */
@ConfigurationProperties("vigie.ingest.mastodon")
public record MastodonProperties(
        @DefaultValue("2m") Duration pollInterval,
        @DefaultValue("40") int pageSize,
        @DefaultValue("5") int maxPages,
        @DefaultValue("1000000") int maxTextLength) {
}
