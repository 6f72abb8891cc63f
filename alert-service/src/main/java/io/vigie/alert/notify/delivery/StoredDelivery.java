package io.vigie.alert.notify.delivery;

/**
 * A delivery with the version OpenSearch gave it ({@code _seq_no}, {@code _primary_term}): the worker takes it with
 * {@code if_seq_no}, so a copy that another worker changed since (or a stale search hit) is refused, never resent.
 */
public record StoredDelivery(Delivery delivery, long seqNo, long primaryTerm) {

    public String id() {
        return delivery.id();
    }
}
