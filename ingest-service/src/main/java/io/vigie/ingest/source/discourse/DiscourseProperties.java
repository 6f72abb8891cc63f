package io.vigie.ingest.source.discourse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Everything under {@code vigie.ingest.discourse}. The forums themselves are listed by the watches
 * ({@code baseUrls} setting), each polled once per cycle whatever the number of watches listing it.
 *
 * @param pollInterval  time between two polls of the same forum
 * @param maxPages      pages of latest posts read back per poll to reach the last post seen
 * @param maxTopics     topics of a search whose posts are read per poll
 * @param maxTextLength characters kept of one post; longer texts are truncated and counted
 */
@ConfigurationProperties("vigie.ingest.discourse")
public record DiscourseProperties(
        @DefaultValue("2m") Duration pollInterval,
        @DefaultValue("5") int maxPages,
        @DefaultValue("10") int maxTopics,
        @DefaultValue("100000") int maxTextLength) {
}
