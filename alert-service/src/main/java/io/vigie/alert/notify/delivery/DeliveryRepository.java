package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.alert.opensearch.Indexes;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Delivery records in OpenSearch ({@code vigie-deliveries}, one document per delivery id). Writes refresh at once:
 * the workers find their due deliveries by searching, and alerts are few, so visibility beats indexing throughput.
 * A worker takes a delivery by optimistic concurrency ({@code if_seq_no}), so two replicas never send the same one.
 */
@Repository
public class DeliveryRepository {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRepository.class);

    private final OpenSearchClient client;
    private final String index;
    private volatile boolean indexReady;

    public DeliveryRepository(OpenSearchClient client, NotifyProperties properties) {
        this.client = client;
        this.index = properties.index();
    }

    /** Stores a new delivery; @return false when one with the same id exists (a re-read alert): it is left as is. */
    public boolean createIfAbsent(Delivery delivery) {
        ensureIndex();
        try {
            client.create(create -> create.index(index).id(delivery.id()).document(delivery).refresh(Refresh.True));
            return true;
        } catch (OpenSearchException e) {
            if (e.status() == 409) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            throw unavailable("store delivery " + delivery.id(), e);
        }
    }

    /**
     * Deliveries of a channel that are due: pending with {@code dueAt} passed, or sending with an expired lease (the
     * worker that took them died); oldest first.
     */
    public List<Hit<Delivery>> due(String channel, Instant now, int size) {
        ensureIndex();
        JsonData at = JsonData.of(now.toString());
        try {
            return client.search(search -> search
                    .index(index)
                    .size(size)
                    .seqNoPrimaryTerm(true)
                    .query(q -> q.bool(b -> b
                            .filter(f -> f.term(t -> t.field("channel").value(v -> v.stringValue(channel))))
                            .filter(f -> f.range(r -> r.field("dueAt").lte(at)))
                            .should(s -> s.term(t -> t.field("state").value(v -> v.stringValue("pending"))))
                            .should(s -> s.bool(sending -> sending
                                    .filter(f -> f.term(t -> t.field("state").value(v -> v.stringValue("sending"))))
                                    .filter(f -> f.range(r -> r.field("leaseUntil").lt(at)))))
                            .minimumShouldMatch("1")))
                    .sort(sort -> sort.field(field -> field.field("seq").order(SortOrder.Asc))),
                    Delivery.class).hits().hits();
        } catch (IOException e) {
            throw unavailable("read due deliveries", e);
        }
    }

    /** Takes a delivery for sending; @return the taken delivery, or null when another worker changed it first. */
    public Delivery claim(Hit<Delivery> hit, Instant now, Instant leaseUntil) {
        Delivery claimed = Objects.requireNonNull(hit.source()).with(DeliveryState.SENDING, hit.source().attempts(),
                hit.source().lastError(), now, null, leaseUntil);
        try {
            client.index(request -> request.index(index).id(hit.id()).document(claimed)
                    .ifSeqNo(hit.seqNo()).ifPrimaryTerm(hit.primaryTerm()).refresh(Refresh.True));
            return claimed;
        } catch (OpenSearchException e) {
            if (e.status() == 409) {
                return null;
            }
            throw e;
        } catch (IOException e) {
            throw unavailable("take delivery " + hit.id(), e);
        }
    }

    public void save(Delivery delivery) {
        try {
            client.index(request -> request.index(index).id(delivery.id()).document(delivery).refresh(Refresh.True));
        } catch (IOException e) {
            throw unavailable("update delivery " + delivery.id(), e);
        }
    }

    /**
     * @param alertId only this alert's deliveries; null for all
     * @return newest first
     */
    public List<Delivery> find(String alertId, int size) {
        try {
            return client.search(search -> search
                            .index(index)
                            .ignoreUnavailable(true)
                            .size(size)
                            .query(q -> alertId == null ? q.matchAll(all -> all)
                                    : q.term(t -> t.field("alertId").value(v -> v.stringValue(alertId))))
                            .sort(sort -> sort.field(field -> field.field("seq").order(SortOrder.Desc))),
                    Delivery.class).hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
        } catch (IOException e) {
            throw unavailable("read deliveries", e);
        }
    }

    private UncheckedIOException unavailable(String what, IOException e) {
        return new UncheckedIOException("could not " + what + " in OpenSearch index " + index + ": " + e.getMessage(), e);
    }

    private void ensureIndex() {
        if (indexReady) {
            return;
        }
        try {
            Indexes.createIfMissing(client, index, mapping());
            indexReady = true;
        } catch (IOException e) {
            throw unavailable("create the index", e);
        }
    }

    private static TypeMapping mapping() {
        return TypeMapping.of(m -> m
                .properties("id", p -> p.keyword(k -> k))
                .properties("alertId", p -> p.keyword(k -> k))
                .properties("watchId", p -> p.keyword(k -> k))
                .properties("watchName", p -> p.keyword(k -> k))
                .properties("status", p -> p.keyword(k -> k))
                .properties("severity", p -> p.keyword(k -> k))
                .properties("channel", p -> p.keyword(k -> k))
                .properties("recipients", p -> p.keyword(k -> k.index(false)))
                .properties("state", p -> p.keyword(k -> k))
                .properties("attempts", p -> p.integer(i -> i))
                .properties("lastError", p -> p.text(t -> t))
                .properties("seq", p -> p.long_(l -> l))
                .properties("createdAt", p -> p.date(d -> d))
                .properties("dueAt", p -> p.date(d -> d))
                .properties("digestKey", p -> p.keyword(k -> k))
                .properties("updatedAt", p -> p.date(d -> d))
                .properties("deliveredAt", p -> p.date(d -> d))
                .properties("leaseUntil", p -> p.date(d -> d))
                // The alert as sent: kept, not searched.
                .properties("alert", p -> p.object(o -> o.enabled(false))));
    }
}
