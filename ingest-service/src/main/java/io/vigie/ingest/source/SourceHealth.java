package io.vigie.ingest.source;

import io.vigie.ingest.source.http.SourceQuota;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * How one source instance is doing, as served by {@code GET /api/sources/health}.
 *
 * @param source            instance id, e.g. {@code rss:https://example.org/feed.xml}
 * @param type              connector type
 * @param target            what is polled (URL, dataset)
 * @param pollInterval      time between two polls: the shortest {@code pollInterval} of the watches it serves, the
 *                          connector's default when none sets one (ISO-8601, e.g. {@code PT1M}); null for a source
 *                          not polled on a schedule (the demo replay)
 * @param lastPollAt        start of the last poll, null before the first one
 * @param lastOutcome       {@code ok}, {@code not-modified}, {@code rate-limited}, {@code circuit-open} or {@code error}
 * @param lastError         what went wrong at the last poll and what to check; null when it went well
 * @param polls             polls since start
 * @param errors            failed polls since start (errors, rate limits and open breaker included)
 * @param published         mentions acknowledged by Kafka since start
 * @param duplicates        mentions already published by this process, not published again
 * @param unmatched         items that matched no watch, dropped
 * @param issues            entries skipped or repaired since start, by reason ({@code no-id}, {@code text-truncated}...)
 * @param lastSuccessAt     start of the last poll that went well ({@code ok} or {@code not-modified}); null if none
 * @param newestItemAt      publication time of the newest item ever fetched; null if none
 * @param lagSeconds        age of that newest item now; null if none
 * @param itemsPerMinute    items the source published in the last hour, per minute (from what was fetched)
 * @param silent            true when nothing new was published for longer than three times the source's usual gap
 *                          between items (at least three poll intervals); false while the rhythm is unknown
 * @param consecutiveErrors failed polls since the last one that went well
 * @param rateLimited       polls refused or deferred because the source asked to slow down
 * @param breakerState      {@code closed}, {@code open} or {@code half-open}; null for sources not called over HTTP
 * @param quota             what is left of the source's allowance; null when it never said
 */
public record SourceHealth(String source, String type, String target, Duration pollInterval, Instant lastPollAt,
                           String lastOutcome, String lastError, long polls, long errors, long published, long duplicates,
                           long unmatched, Map<String, Long> issues, Instant lastSuccessAt, Instant newestItemAt,
                           Long lagSeconds, double itemsPerMinute, boolean silent, long consecutiveErrors,
                           long rateLimited, String breakerState, SourceQuota quota) {

    public static final String OK = "ok";
    public static final String NOT_MODIFIED = "not-modified";
    public static final String ERROR = "error";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String CIRCUIT_OPEN = "circuit-open";

    static boolean succeeded(String outcome) {
        return OK.equals(outcome) || NOT_MODIFIED.equals(outcome);
    }
}
