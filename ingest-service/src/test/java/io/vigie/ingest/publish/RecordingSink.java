package io.vigie.ingest.publish;

import io.vigie.contracts.MentionIngested;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Stands in for Kafka in unit tests: keeps what was sent, and can refuse the next sends like a broker that is down. */
public class RecordingSink implements MentionSink {

    private final List<MentionIngested> sent = new ArrayList<>();
    private int refuseNext;

    @Override
    public synchronized CompletableFuture<?> send(MentionIngested mention) {
        if (refuseNext > 0) {
            refuseNext--;
            return CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"));
        }
        sent.add(mention);
        return CompletableFuture.completedFuture(null);
    }

    /** The next {@code count} sends fail instead of being acknowledged. */
    public synchronized void refuseNext(int count) {
        refuseNext = count;
    }

    public synchronized List<MentionIngested> sent() {
        return List.copyOf(sent);
    }
}
