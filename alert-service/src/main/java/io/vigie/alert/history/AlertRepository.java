package io.vigie.alert.history;

import io.vigie.contracts.AlertRaised;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.core.search.Hit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/** Alerts in the OpenSearch index {@code vigie-alerts}, one document per alert id. */
@Repository
public class AlertRepository {

    public static final String INDEX = "vigie-alerts";

    private static final Logger log = LoggerFactory.getLogger(AlertRepository.class);

    private final OpenSearchClient client;
    private volatile boolean indexReady;

    public AlertRepository(OpenSearchClient client) {
        this.client = client;
    }

    /** Stores an alert under its id: storing a re-delivered alert again changes nothing. */
    public void save(AlertRaised alert) {
        ensureIndex();
        try {
            client.index(request -> request.index(INDEX).id(alert.id()).document(alert));
        } catch (IOException e) {
            throw new UncheckedIOException("could not store alert " + alert.id() + " in OpenSearch: " + e.getMessage(), e);
        }
    }

    /**
     * @param watchId only this watch's alerts; null for all
     * @param size    at most this many
     * @return the alerts, newest first
     */
    public List<AlertRaised> newest(String watchId, int size) {
        try {
            var response = client.search(search -> search
                    .index(INDEX)
                    .ignoreUnavailable(true)
                    .size(size)
                    .query(query -> watchId == null
                            ? query.matchAll(all -> all)
                            : query.term(term -> term.field("watchId").value(value -> value.stringValue(watchId))))
                    .sort(sort -> sort.field(field -> field.field("raisedAt").order(SortOrder.Desc)))
                    .sort(sort -> sort.field(field -> field.field("windowStart").order(SortOrder.Desc))),
                    AlertRaised.class);
            return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read alerts from OpenSearch: " + e.getMessage(), e);
        }
    }

    private void ensureIndex() {
        if (indexReady) {
            return;
        }
        try {
            if (!client.indices().exists(exists -> exists.index(INDEX)).value()) {
                client.indices().create(create -> create.index(INDEX).mappings(mapping()));
                log.info("Created OpenSearch index {}", INDEX);
            }
            indexReady = true;
        } catch (OpenSearchException e) {
            // Another instance may have created it between our check and our create.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
            indexReady = true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create OpenSearch index " + INDEX + ": " + e.getMessage(), e);
        }
    }

    private static TypeMapping mapping() {
        return TypeMapping.of(m -> m
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
                .properties("mentionIds", p -> p.keyword(k -> k)));
    }
}
