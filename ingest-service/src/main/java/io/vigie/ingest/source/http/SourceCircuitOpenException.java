package io.vigie.ingest.source.http;

import io.vigie.ingest.source.SourceFetchException;

/** The source failed too often lately, so it is not called at all until its circuit breaker lets a trial call through. */
public class SourceCircuitOpenException extends SourceFetchException {

    public SourceCircuitOpenException(String message) {
        super(message);
    }
}
