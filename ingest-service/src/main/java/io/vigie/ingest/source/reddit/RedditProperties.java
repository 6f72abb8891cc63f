package io.vigie.ingest.source.reddit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The Reddit connector ({@code vigie.ingest.reddit}), app-only OAuth then the OAuth API.
 *
 * @param authUrl       where client-credential tokens are asked ({@code POST /api/v1/access_token})
 * @param apiUrl        the OAuth API root (search, subreddit listings)
 * @param webUrl        prefix of the permalinks mentions link to
 * @param userAgent     Reddit blocks generic user agents; name your deployment and a contact here
 * @param pollInterval  time between two polls of the same subreddit or search
 * @param pageSize      items asked per page (Reddit allows up to 100)
 * @param maxPages      pages read per listing and poll when many items are new
 * @param maxTextLength characters kept of one post's text; longer texts are truncated and counted
 */
@ConfigurationProperties("vigie.ingest.reddit")
public record RedditProperties(
        @DefaultValue("https://www.reddit.com") URI authUrl,
        @DefaultValue("https://oauth.reddit.com") URI apiUrl,
        @DefaultValue("https://www.reddit.com") String webUrl,
        @DefaultValue("server:vigie:0.1 (self-hosted e-reputation monitoring)") String userAgent,
        @DefaultValue("5m") Duration pollInterval,
        @DefaultValue("100") int pageSize,
        @DefaultValue("5") int maxPages,
        @DefaultValue("1000000") int maxTextLength) {
}
