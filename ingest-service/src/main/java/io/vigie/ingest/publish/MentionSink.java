package io.vigie.ingest.publish;

import io.vigie.contracts.MentionIngested;

import java.util.concurrent.CompletableFuture;

/** Where mentions go once matched and de-duplicated: Kafka in the service, a list in unit tests. */
public interface MentionSink {

    /** @return completes when the mention is durably stored (Kafka acknowledged it), or exceptionally */
    CompletableFuture<?> send(MentionIngested mention);
}
