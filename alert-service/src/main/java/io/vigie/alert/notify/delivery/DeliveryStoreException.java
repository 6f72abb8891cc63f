package io.vigie.alert.notify.delivery;

/**
 * OpenSearch answered but refused to store or update delivery records. The message says which and why.
 * {@code transientFailure}: overloaded or unavailable shards, worth retrying; otherwise the same request will be
 * refused again (a mapping that rejects the document, a closed or read-only index).
 */
public class DeliveryStoreException extends RuntimeException {

    private final boolean transientFailure;

    public DeliveryStoreException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
