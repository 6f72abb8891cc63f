package io.vigie.alert.notify.delivery;

import java.util.List;

/**
 * OpenSearch answered but refused to store or update delivery records. The message says which and why.
 * {@code transientFailure}: overloaded or unavailable shards, worth retrying; otherwise the same request will be
 * refused again (a mapping that rejects the document, a closed or read-only index).
 */
public class DeliveryStoreException extends RuntimeException {

    private final boolean transientFailure;
    private final transient List<StoredDelivery> storedAnyway;

    public DeliveryStoreException(String message, boolean transientFailure) {
        this(message, transientFailure, List.of());
    }

    /** @param storedAnyway the records of the same request that OpenSearch did store */
    public DeliveryStoreException(String message, boolean transientFailure, List<StoredDelivery> storedAnyway) {
        super(message);
        this.transientFailure = transientFailure;
        this.storedAnyway = List.copyOf(storedAnyway);
    }

    public boolean transientFailure() {
        return transientFailure;
    }

    public List<StoredDelivery> storedAnyway() {
        return storedAnyway;
    }
}
