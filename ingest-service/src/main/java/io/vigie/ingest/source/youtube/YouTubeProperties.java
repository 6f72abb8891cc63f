package io.vigie.ingest.source.youtube;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Everything under {@code vigie.ingest.youtube}.
 *
 * @param baseUrl        root of the YouTube Data API v3
 * @param pollInterval   time between two polls of the same channel or search; a search costs 100 of the 10,000
 *                       daily units, so 15 minutes per instance spends about 9,600 units a day
 * @param dailyQuota     units the Google project may spend per day (YouTube's default is 10,000); polling stops
 *                       before exceeding it and resumes after midnight Pacific time, when Google renews it
 * @param maxResults     videos asked per search (1 to 50)
 * @param trackedVideos  recent videos whose new comments are read at every poll (1 unit each)
 * @param maxTextLength  characters kept of one description or comment; longer texts are truncated and counted
 */
@ConfigurationProperties("vigie.ingest.youtube")
public record YouTubeProperties(
        @DefaultValue("https://www.googleapis.com/youtube/v3") URI baseUrl,
        @DefaultValue("15m") Duration pollInterval,
        @DefaultValue("10000") long dailyQuota,
        @DefaultValue("25") int maxResults,
        @DefaultValue("10") int trackedVideos,
        @DefaultValue("100000") int maxTextLength) {
}
