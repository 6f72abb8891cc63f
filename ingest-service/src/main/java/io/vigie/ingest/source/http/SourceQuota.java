package io.vigie.ingest.source.http;

import java.time.Instant;

/**
 * What is left of a source instance's allowance, as last announced by the source (rate-limit headers) or counted by
 * its connector (e.g. YouTube quota units).
 *
 * @param unit       what is counted: {@code requests} for rate-limit headers, or the connector's unit
 * @param remaining  what is left; null when unknown
 * @param limit      the allowance per window; null when unknown
 * @param resetAt    when the allowance is renewed; null when unknown
 * @param observedAt when this was learnt
 */
public record SourceQuota(String unit, Long remaining, Long limit, Instant resetAt, Instant observedAt) {

    public static final String REQUESTS = "requests";
}
