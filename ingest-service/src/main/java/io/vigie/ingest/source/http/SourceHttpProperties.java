package io.vigie.ingest.source.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Everything under {@code vigie.ingest.http}: how every connector talks to its sources.
 *
 * @param connectTimeout       how long to wait for a source to accept the connection
 * @param readTimeout          how long to wait for a complete answer (headers and body)
 * @param maxBodySize          a larger answer is refused (protects memory against a runaway server)
 * @param userAgent            sent when the connector does not set its own
 * @param maxAttempts          attempts of one call on 429, 5xx, timeouts and connection failures (1 = no retry)
 * @param initialBackoff       wait before the first retry; doubled at each retry, with +/-50% jitter
 * @param maxBackoff           cap of one back-off wait
 * @param maxRateLimitWait     a source asking to wait longer than this is not waited for in the poll: the call fails
 *                             as rate-limited and the source is not called before the time it gave
 * @param lowRemaining         when a source announces this many calls left or fewer, the remaining calls are spread
 *                             evenly until its reset, so it never has to answer 429
 * @param breakerFailureRate   percentage of failed calls among the last {@code breakerWindow} that opens the breaker
 * @param breakerWindow        calls the breaker looks at (and the minimum before it may open)
 * @param breakerOpenFor       how long an open breaker refuses calls before letting one trial call through
 */
@ConfigurationProperties("vigie.ingest.http")
public record SourceHttpProperties(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("10MB") DataSize maxBodySize,
        @DefaultValue("Vigie/0.1 (self-hosted e-reputation monitoring)") String userAgent,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("2m") Duration maxRateLimitWait,
        @DefaultValue("5") int lowRemaining,
        @DefaultValue("50") int breakerFailureRate,
        @DefaultValue("4") int breakerWindow,
        @DefaultValue("5m") Duration breakerOpenFor) {

    /** The defaults above, for code and tests built without Spring. */
    public static SourceHttpProperties defaults() {
        return new SourceHttpProperties(Duration.ofSeconds(10), Duration.ofSeconds(30), DataSize.ofMegabytes(10),
                "Vigie/0.1 (self-hosted e-reputation monitoring)", 3, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofMinutes(2), 5, 50, 4, Duration.ofMinutes(5));
    }
}
