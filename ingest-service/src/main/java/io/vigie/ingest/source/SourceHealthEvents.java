package io.vigie.ingest.source;

import io.vigie.contracts.SourcePolled;

/** Where the poller announces each poll ({@code source-polled} in the service; nowhere in unit tests). */
@FunctionalInterface
public interface SourceHealthEvents {

    SourceHealthEvents NONE = event -> { };

    void polled(SourcePolled event);
}
