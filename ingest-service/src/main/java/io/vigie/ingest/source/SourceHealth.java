package io.vigie.ingest.source;

import java.time.Instant;
import java.util.Map;

/**
 * How one source instance is doing, as served by {@code GET /api/sources/health}.
 *
 * @param source      instance id, e.g. {@code rss:https://example.org/feed.xml}
 * @param type        connector type
 * @param target      what is polled (URL, dataset)
 * @param lastPollAt  start of the last poll, null before the first one
 * @param lastOutcome {@code ok}, {@code not-modified} or {@code error}
 * @param lastError   what went wrong at the last poll and what to check; null when it went well
 * @param polls       polls since start
 * @param errors      failed polls since start
 * @param published   mentions acknowledged by Kafka since start
 * @param duplicates  mentions already published by this process, not published again
 * @param unmatched   items that matched no watch, dropped
 * @param issues      entries skipped or repaired since start, by reason ({@code no-id}, {@code text-truncated}...)
 */
public record SourceHealth(String source, String type, String target, Instant lastPollAt, String lastOutcome,
                           String lastError, long polls, long errors, long published, long duplicates,
                           long unmatched, Map<String, Long> issues) {

    public static final String OK = "ok";
    public static final String NOT_MODIFIED = "not-modified";
    public static final String ERROR = "error";
}
