package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.alert.opensearch.Indexes;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Delivery records in OpenSearch ({@code vigie-deliveries}, one document per delivery id). Writes do not wait for a
 * refresh (up to the 1 s refresh interval each, which made a busy channel send one message every 0.3-0.7 s): a new
 * delivery reaches its worker in memory with its version, and searches only find those due later or left over. A
 * worker takes a delivery by optimistic concurrency ({@code if_seq_no}), so two replicas never send the same one.
 */
@Repository
public class DeliveryRepository {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRepository.class);
    private static final int CONFLICT = 409;
    private static final int NOT_FOUND = 404;
    /**
     * A request that took longer is logged, with OpenSearch's own part ({@code took}): a creation delays the
     * notifications of its alerts by as much, and the two figures tell a slow node (merges, disk syncs) from a busy
     * host of this service (the rest of the round trip).
     */
    static final long SLOW_WRITE_MILLIS = 500;
    /** Old deliveries deleted per bulk request. */
    private static final int PRUNE_PAGE = 500;
    /** The channel of the warm-up's probe records: no channel can have this name. */
    static final String WARM_UP_CHANNEL = "~warm-up";

    private final OpenSearchClient client;
    private final String index;
    private volatile boolean indexReady;
    /** While the start-up's warm-up runs: its slow requests are expected, not worth a warning. */
    private volatile boolean warmingUp;

    public DeliveryRepository(OpenSearchClient client, NotifyProperties properties) {
        this.client = client;
        this.index = properties.index();
    }

    /**
     * Stores new deliveries in one request, without waiting for a refresh: the worker gets them from the caller with
     * their version and does not search for them. One that exists (a re-read alert) is left as is and not returned.
     *
     * @return the deliveries created, with their version
     * @throws DeliveryStoreException when OpenSearch refused one for another reason than its existence; it carries
     *                                those created all the same
     */
    public List<StoredDelivery> createAll(List<Delivery> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        ensureIndex();
        List<BulkOperation> operations = batch.stream().map(delivery -> BulkOperation.of(op -> op
                .create(create -> create.id(delivery.id()).document(delivery)))).toList();
        BulkResponse response = bulk(operations, "store " + batch.size() + " deliveries");
        List<StoredDelivery> created = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            BulkResponseItem item = response.items().get(i);
            if (item.error() == null) {
                created.add(new StoredDelivery(batch.get(i), item.seqNo(), item.primaryTerm()));
            } else if (item.status() != CONFLICT) {
                refused.add(describe(item));
            }
        }
        if (!refused.isEmpty()) {
            throw new DeliveryStoreException("OpenSearch index " + index + " refused deliveries: " + refused,
                    refused.stream().allMatch(DeliveryRepository::transientRefusal), created);
        }
        return created;
    }

    /**
     * Deliveries of a channel that are due: pending with {@code dueAt} passed, or sending with an expired lease (the
     * worker that took them died); oldest first. Reads what the last refresh (1 s) made visible: a stale hit is
     * harmless, its version no longer matches when the worker tries to take it.
     */
    public List<StoredDelivery> due(String channel, Instant now, int size) {
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
                    Delivery.class).hits().hits().stream()
                    .filter(hit -> hit.source() != null && hit.seqNo() != null && hit.primaryTerm() != null)
                    .map(hit -> new StoredDelivery(hit.source(), hit.seqNo(), hit.primaryTerm()))
                    .toList();
        } catch (IOException e) {
            throw unavailable("read due deliveries", e);
        }
    }

    /**
     * Takes deliveries for sending (state {@code sending} until {@code leaseUntil}) in one request, each only if
     * nobody changed it since it was read.
     *
     * @return the deliveries taken, in the given order; those another worker changed first are left out
     */
    public List<StoredDelivery> claim(List<StoredDelivery> batch, Instant now, Instant leaseUntil) {
        return replaceUnchanged(batch, stored -> stored.delivery().with(DeliveryState.SENDING,
                stored.delivery().attempts(), stored.delivery().lastError(), now, null, leaseUntil), "take");
    }

    /**
     * Extends the lease of deliveries a worker holds (still {@code sending}, {@code leaseUntil} moved on) in one
     * request, each only if its record is still the version the worker last wrote. A record written since by anyone
     * (its {@code sent} record, which is unconditional, or another worker that took it over) is left as it is: a
     * renewal never turns a sent delivery back into {@code sending}.
     *
     * @return the deliveries renewed, with their new version; those changed since are left out
     */
    public List<StoredDelivery> renew(List<StoredDelivery> batch, Instant now, Instant leaseUntil) {
        return replaceUnchanged(batch, stored -> stored.delivery().with(DeliveryState.SENDING,
                stored.delivery().attempts(), stored.delivery().lastError(), now, null, leaseUntil),
                "renew the lease of");
    }

    /**
     * Gives back deliveries taken but not sent (state {@code pending} again, no lease), each only if nobody changed
     * it since: the next search finds them at once instead of after their lease.
     *
     * @return the deliveries given back; those another worker changed first are left out
     */
    public List<StoredDelivery> release(List<StoredDelivery> batch, Instant now) {
        return replaceUnchanged(batch, stored -> stored.delivery().with(DeliveryState.PENDING,
                stored.delivery().attempts(), stored.delivery().lastError(), now, null, null), "give back");
    }

    private List<StoredDelivery> replaceUnchanged(List<StoredDelivery> batch,
                                                  Function<StoredDelivery, Delivery> replacement, String what) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<Delivery> documents = batch.stream().map(replacement).toList();
        List<BulkOperation> operations = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            StoredDelivery stored = batch.get(i);
            Delivery document = documents.get(i);
            operations.add(BulkOperation.of(op -> op.index(request -> request.id(stored.id()).document(document)
                    .ifSeqNo(stored.seqNo()).ifPrimaryTerm(stored.primaryTerm()))));
        }
        BulkResponse response = bulk(operations, what + " " + batch.size() + " deliveries");
        List<StoredDelivery> replaced = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            BulkResponseItem item = response.items().get(i);
            if (item.error() == null) {
                replaced.add(new StoredDelivery(documents.get(i), item.seqNo(), item.primaryTerm()));
            } else if (item.status() != CONFLICT) {
                throw new DeliveryStoreException("could not " + what + " delivery " + item.id() + ": "
                        + describe(item), transientRefusal(describe(item)));
            }
        }
        return replaced;
    }

    /**
     * Makes the requests of a notification's path, {@code rounds} times, on probe records of their own: the creation
     * of a poll's deliveries in one request, their outcome record, then their deletion. On the first notifications
     * after OpenSearch or this process started, each of these requests was slow (ADR 0030). The probes are created
     * {@code sent}, under a channel no worker has, so no search for due deliveries ever finds one; one left by a crash
     * between two requests is pruned with the finished ones.
     */
    public void warmUp(int rounds, int deliveriesPerRound, Instant now) {
        ensureIndex();
        warmingUp = true;
        try {
            warmUpRounds(rounds, deliveriesPerRound, now);
        } finally {
            warmingUp = false;
        }
    }

    private void warmUpRounds(int rounds, int deliveriesPerRound, Instant now) {
        for (int round = 0; round < rounds; round++) {
            String prefix = WARM_UP_CHANNEL + ":" + UUID.randomUUID() + ":";
            List<Delivery> probes = new ArrayList<>();
            for (int i = 0; i < deliveriesPerRound; i++) {
                probes.add(new Delivery(prefix + i, WARM_UP_CHANNEL, null, null, null, null, WARM_UP_CHANNEL,
                        List.of(), DeliveryState.SENT, 0, null, 0, now, now, null, now, null, null, null));
            }
            createAll(probes);
            saveAll(probes.stream().map(probe -> probe.with(DeliveryState.SENT, 1, null, now, now, null)).toList());
            bulk(probes.stream().map(probe -> BulkOperation.of(op -> op.delete(delete -> delete.id(probe.id()))))
                    .toList(), "delete " + probes.size() + " warm-up probes");
        }
    }

    /** Records the outcome of deliveries in one request. */
    public void saveAll(List<Delivery> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<BulkOperation> operations = batch.stream().map(delivery -> BulkOperation.of(op -> op
                .index(request -> request.id(delivery.id()).document(delivery)))).toList();
        BulkResponse response = bulk(operations, "update " + batch.size() + " deliveries");
        List<String> refused = response.items().stream().filter(item -> item.error() != null)
                .map(DeliveryRepository::describe).toList();
        if (!refused.isEmpty()) {
            throw new DeliveryStoreException("OpenSearch index " + index + " refused delivery updates: " + refused,
                    true);
        }
    }

    private BulkResponse bulk(List<BulkOperation> operations, String what) {
        long start = System.nanoTime();
        try {
            BulkResponse response = client.bulk(request -> request.index(index).operations(operations));
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis >= SLOW_WRITE_MILLIS && warmingUp) {
                // Expected: slow first requests are what the warm-up is for.
                log.info("Delivery store warm-up: {} took {} ms, of which {} ms in OpenSearch", what, millis,
                        response.took());
            } else if (millis >= SLOW_WRITE_MILLIS) {
                log.warn("Slow delivery store: {} took {} ms, of which {} ms in OpenSearch", what, millis,
                        response.took());
            }
            return response;
        } catch (IOException e) {
            throw unavailable(what, e);
        } catch (OpenSearchException e) {
            throw refused(what, e);
        }
    }

    private DeliveryStoreException refused(String what, OpenSearchException e) {
        // Some error responses (e.g. "no handler found") carry no status: status() would throw.
        Integer status = e.response().status();
        return new DeliveryStoreException("could not " + what + " in OpenSearch index " + index + ": "
                + (status == null ? "" : "HTTP " + status + " ") + e.getMessage(),
                status == null || status == 429 || status >= 500);
    }

    private static String describe(BulkResponseItem item) {
        return item.id() + " (HTTP " + item.status() + (item.error() == null ? ""
                : ", " + item.error().type() + ": " + item.error().reason()) + ")";
    }

    /** Overloaded or unavailable shards: worth retrying, unlike a document the mapping refuses. */
    private static boolean transientRefusal(String description) {
        return description.contains("HTTP 429") || description.contains("HTTP 5");
    }

    /**
     * Deletes the deliveries in a final state ({@code sent}, {@code failed}, {@code skipped}) last changed before
     * {@code cutoff}: a search for them, a page at a time, and one bulk delete per page, each only if the record is
     * unchanged since it was read ({@code if_seq_no}). Pending and in-flight ones ({@code pending}, {@code sending}:
     * due later, digests still to go out, retries) are never matched. Safe while workers and other replicas run: a
     * record changed or deleted by someone else since the search is left alone. Not a {@code _delete_by_query}: that
     * API lives in OpenSearch's reindex module, which the air-gapped stand-in image (ADR 0004) does not have. A
     * missing index is nothing to prune.
     *
     * @return how many records this call deleted
     * @throws UncheckedIOException   OpenSearch unreachable
     * @throws DeliveryStoreException OpenSearch refused a request or a delete (the message says why)
     */
    public long deleteFinishedBefore(Instant cutoff) {
        Query finished = finishedBefore(cutoff);
        long deleted = 0;
        List<FieldValue> after = null;
        while (true) {
            List<Hit<JsonData>> page = finishedPage(finished, after);
            if (page.isEmpty()) {
                return deleted;
            }
            List<BulkOperation> operations = page.stream().map(hit -> BulkOperation.of(op -> op.delete(delete -> delete
                    .id(hit.id()).ifSeqNo(hit.seqNo()).ifPrimaryTerm(hit.primaryTerm())))).toList();
            BulkResponse response = bulk(operations, "delete " + operations.size() + " old deliveries");
            List<String> refused = new ArrayList<>();
            for (BulkResponseItem item : response.items()) {
                if (item.error() == null) {
                    deleted++;
                } else if (item.status() != CONFLICT && item.status() != NOT_FOUND) {
                    refused.add(describe(item));
                }
            }
            if (!refused.isEmpty()) {
                throw new DeliveryStoreException("deleted " + deleted + " old deliveries in OpenSearch index " + index
                        + ", it refused to delete " + refused, refused.stream()
                        .allMatch(DeliveryRepository::transientRefusal));
            }
            if (page.size() < PRUNE_PAGE) {
                return deleted;
            }
            after = page.get(page.size() - 1).sort();
        }
    }

    private List<Hit<JsonData>> finishedPage(Query finished, List<FieldValue> after) {
        try {
            return client.search(search -> {
                search.index(index)
                        .ignoreUnavailable(true)
                        .size(PRUNE_PAGE)
                        .seqNoPrimaryTerm(true)
                        .source(source -> source.fetch(false))
                        .query(finished)
                        .sort(sort -> sort.field(field -> field.field("seq").order(SortOrder.Asc)))
                        .sort(sort -> sort.field(field -> field.field("id").order(SortOrder.Asc)));
                return after == null ? search : search.searchAfter(after);
            }, JsonData.class).hits().hits().stream()
                    .filter(hit -> hit.id() != null && hit.seqNo() != null && hit.primaryTerm() != null)
                    .toList();
        } catch (IOException e) {
            throw unavailable("read old deliveries", e);
        } catch (OpenSearchException e) {
            throw refused("read old deliveries", e);
        }
    }

    /** Final states, last changed before {@code cutoff}. */
    static Query finishedBefore(Instant cutoff) {
        List<FieldValue> finalStates = Stream.of(DeliveryState.SENT, DeliveryState.FAILED, DeliveryState.SKIPPED)
                .map(state -> FieldValue.of(state.name().toLowerCase(Locale.ROOT))).toList();
        return Query.of(q -> q.bool(b -> b
                .filter(f -> f.terms(t -> t.field("state").terms(values -> values.value(finalStates))))
                .filter(f -> f.range(r -> r.field("updatedAt").lt(JsonData.of(cutoff.toString()))))));
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
                            // Not the warm-up's probes, which may exist for a moment at start-up.
                            .query(q -> alertId == null ? q.bool(b -> b.mustNot(not -> not.term(t -> t
                                            .field("channel").value(v -> v.stringValue(WARM_UP_CHANNEL)))))
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
                .properties("unconfirmedAttempt", p -> p.boolean_(b -> b))
                // The alert as sent: kept, not searched.
                .properties("alert", p -> p.object(o -> o.enabled(false))));
    }
}
