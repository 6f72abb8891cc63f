package io.vigie.ingest.source.http;

import io.vigie.ingest.source.SourceFetchException;

import java.time.Instant;

/** The source keeps asking to slow down (429, exhausted quota); nothing is sent to it before {@link #retryAt()}. */
public class SourceRateLimitedException extends SourceFetchException {

    private final transient Instant retryAt;

    public SourceRateLimitedException(String message, Instant retryAt) {
        super(message);
        this.retryAt = retryAt;
    }

    /** @return when the source may be called again; null when it did not say */
    public Instant retryAt() {
        return retryAt;
    }
}
