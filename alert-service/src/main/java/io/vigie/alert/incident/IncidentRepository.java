package io.vigie.alert.incident;

import io.vigie.alert.opensearch.Indexes;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.GetResponse;
import org.opensearch.client.opensearch.core.IndexResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.json.JsonData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Incidents in the OpenSearch index {@code vigie-alerts}, one document per incident id. Writers never overwrite
 * blindly: each write is conditional on the version read (optimistic concurrency), so the Kafka listener, people
 * acting through the API and the explainer, on any number of instances, never undo one another.
 */
@Repository
public class IncidentRepository implements InitializingBean {

    public static final String INDEX = "vigie-alerts";

    private static final Logger log = LoggerFactory.getLogger(IncidentRepository.class);

    private final OpenSearchClient client;
    private volatile boolean indexReady;

    public IncidentRepository(OpenSearchClient client) {
        this.client = client;
    }

    /** An incident with the version it was read at. */
    record Stored(Incident incident, long seqNo, long primaryTerm) {
    }

    /**
     * Where a write put an incident in its shard's history: a later write of the same incident has a greater version
     * (primary term first, then sequence number, as OpenSearch orders them).
     */
    record Version(long primaryTerm, long seqNo) implements Comparable<Version> {

        @Override
        public int compareTo(Version other) {
            int byTerm = Long.compare(primaryTerm, other.primaryTerm);
            return byTerm != 0 ? byTerm : Long.compare(seqNo, other.seqNo);
        }
    }

    /** One page of a listing, and how many incidents match in all. */
    record Page(List<Incident> incidents, long total) {
    }

    /** Creates the index at start-up; if OpenSearch is not up yet, the first write does it. */
    @Override
    public void afterPropertiesSet() {
        try {
            ensureIndex();
        } catch (RuntimeException e) {
            log.warn("Could not prepare OpenSearch index {} at start-up ({}); incidents are stored once OpenSearch"
                    + " answers (check OPENSEARCH_URL)", INDEX, e.getMessage());
        }
    }

    Optional<Stored> find(String id) {
        try {
            GetResponse<Incident> response = client.get(get -> get.index(INDEX).id(id), Incident.class);
            if (!response.found() || response.source() == null) {
                return Optional.empty();
            }
            return Optional.of(new Stored(response.source(), Objects.requireNonNull(response.seqNo()),
                    Objects.requireNonNull(response.primaryTerm())));
        } catch (OpenSearchException e) {
            if (e.status() == 404) { // the index itself does not exist yet: no incident at all
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw unavailable("could not read incident " + id, e);
        }
    }

    /** @return the version written; empty when another writer created it first (read it again, apply the change) */
    Optional<Version> create(Incident incident, boolean visibleNow) {
        ensureIndex();
        try {
            IndexResponse response = client.index(index -> index.index(INDEX).id(incident.id()).document(incident)
                    .opType(OpType.Create).refresh(visibleNow ? Refresh.WaitFor : Refresh.False));
            return Optional.of(new Version(response.primaryTerm(), response.seqNo()));
        } catch (OpenSearchException e) {
            if (e.status() == 409) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw unavailable("could not store incident " + incident.id(), e);
        }
    }

    /** @return the version written; empty when someone changed it since it was read (read it again, apply again) */
    Optional<Version> replace(Stored previous, Incident incident, boolean visibleNow) {
        try {
            IndexResponse response = client.index(index -> index.index(INDEX).id(incident.id()).document(incident)
                    .ifSeqNo(previous.seqNo()).ifPrimaryTerm(previous.primaryTerm())
                    .refresh(visibleNow ? Refresh.WaitFor : Refresh.False));
            return Optional.of(new Version(response.primaryTerm(), response.seqNo()));
        } catch (OpenSearchException e) {
            if (e.status() == 409) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            throw unavailable("could not store incident " + incident.id(), e);
        }
    }

    /** The incidents matching the query, newest detection first. */
    Page search(IncidentQuery query) {
        List<Query> filters = new ArrayList<>();
        term(filters, "watchId", query.watchId());
        term(filters, "state", query.state() == null ? null : query.state().wireName());
        term(filters, "severity", query.severity() == null ? null : query.severity().name().toLowerCase(java.util.Locale.ROOT));
        term(filters, "detector", query.detector());
        if (query.from() != null || query.to() != null) {
            filters.add(Query.of(q -> q.range(range -> {
                range.field("raisedAt");
                if (query.from() != null) {
                    range.gte(JsonData.of(query.from().toString()));
                }
                if (query.to() != null) {
                    range.lt(JsonData.of(query.to().toString()));
                }
                return range;
            })));
        }
        try {
            SearchResponse<Incident> response = client.search(search -> search
                            .index(INDEX)
                            .ignoreUnavailable(true)
                            .from(query.page() * query.size())
                            .size(query.size())
                            .trackTotalHits(total -> total.enabled(true))
                            .query(q -> q.bool(bool -> bool.filter(filters)))
                            .sort(sort -> sort.field(field -> field.field("raisedAt").order(SortOrder.Desc)
                                    .missing(FieldValue.of("_last"))))
                            .sort(sort -> sort.field(field -> field.field("windowStart").order(SortOrder.Desc)
                                    .missing(FieldValue.of("_last"))))
                            .sort(sort -> sort.field(field -> field.field("id").order(SortOrder.Asc))),
                    Incident.class);
            List<Incident> incidents = response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
            long total = response.hits().total() == null ? incidents.size() : response.hits().total().value();
            return new Page(incidents, total);
        } catch (IOException e) {
            throw unavailable("could not read incidents", e);
        }
    }

    private static void term(List<Query> filters, String field, String value) {
        if (value != null) {
            filters.add(Query.of(q -> q.term(term -> term.field(field).value(FieldValue.of(value)))));
        }
    }

    private void ensureIndex() {
        if (indexReady) {
            return;
        }
        try {
            if (Indexes.createIfMissing(client, INDEX, mapping())) {
                updateMapping();
            }
            indexReady = true;
        } catch (IOException e) {
            throw unavailable("could not create OpenSearch index " + INDEX, e);
        }
    }

    /** An index made by the former alert history lacks the incident fields: add them (adding fields is allowed). */
    private void updateMapping() throws IOException {
        try {
            client.indices().putMapping(put -> put.index(INDEX).dynamic(DynamicMapping.False)
                    .properties(mapping().properties()));
        } catch (OpenSearchException e) {
            log.warn("Could not bring the mapping of {} up to date ({}); listing by state may miss incidents until"
                    + " the index is reindexed into one made by this version", INDEX, e.getMessage());
        }
    }

    /**
     * Only what is filtered or sorted on is indexed; the rest (comments, explanation, mentions) is kept in the
     * document source, unindexed ({@code dynamic: false}), so free text never grows the mapping.
     */
    static TypeMapping mapping() {
        return TypeMapping.of(m -> m
                .dynamic(DynamicMapping.False)
                .properties("schemaVersion", p -> p.integer(i -> i))
                .properties("id", p -> p.keyword(k -> k))
                .properties("watchId", p -> p.keyword(k -> k))
                .properties("detector", p -> p.keyword(k -> k))
                .properties("severity", p -> p.keyword(k -> k))
                .properties("metric", p -> p.keyword(k -> k))
                .properties("observed", p -> p.double_(d -> d))
                .properties("expected", p -> p.double_(d -> d))
                .properties("windowStart", p -> p.date(d -> d))
                .properties("windowEnd", p -> p.date(d -> d))
                .properties("raisedAt", p -> p.date(d -> d))
                .properties("summary", p -> p.text(t -> t))
                .properties("mentionIds", p -> p.keyword(k -> k))
                .properties("status", p -> p.keyword(k -> k))
                .properties("episodeStart", p -> p.date(d -> d))
                .properties("anomalyScore", p -> p.double_(d -> d))
                .properties("state", p -> p.keyword(k -> k))
                .properties("firstRaisedAt", p -> p.date(d -> d))
                .properties("updatedAt", p -> p.date(d -> d))
                .properties("acknowledgedBy", p -> p.keyword(k -> k))
                .properties("acknowledgedAt", p -> p.date(d -> d))
                .properties("assignee", p -> p.keyword(k -> k))
                .properties("assignedAt", p -> p.date(d -> d))
                .properties("resolvedBy", p -> p.keyword(k -> k))
                .properties("resolvedAt", p -> p.date(d -> d))
                .properties("autoResolved", p -> p.boolean_(b -> b)));
    }

    private static UncheckedIOException unavailable(String what, IOException e) {
        return new UncheckedIOException(what + " in OpenSearch: " + e.getMessage(), e);
    }
}
