package io.vigie.sentiment.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Partial updates of mention documents, sent as JSON written here rather than by the client's mapper: that mapper
 * drops null fields, and in a partial update a dropped field keeps its old value while an explicit null clears it.
 * Writers say exactly what they replace and what they leave alone (the indexer leaves {@code humanSentiment}).
 */
@Component
public class MentionUpdates {

    /** Concurrent writes to one mention (a correction racing its re-indexing) retry instead of failing. */
    private static final String RETRIES_ON_CONFLICT = "3";

    /** Nulls written, dates as ISO-8601; property-level {@code @JsonInclude} still applies. */
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final OpenSearchClient client;

    public MentionUpdates(OpenSearchClient client) {
        this.client = client;
    }

    /** Outcome of an update: done, or no such mention (only without upsert). */
    public enum Outcome { UPDATED, NOT_FOUND }

    /**
     * Merges {@code doc} into the mention's document.
     *
     * @param upsert         create the document from {@code doc} when the mention is not indexed yet
     * @param waitForRefresh answer only once a search can see the change (for a person waiting on a screen)
     */
    public Outcome update(String id, Object doc, boolean upsert, boolean waitForRefresh) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("doc", doc);
        if (upsert) {
            body.put("doc_as_upsert", true);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("retry_on_conflict", RETRIES_ON_CONFLICT);
        if (waitForRefresh) {
            query.put("refresh", "wait_for");
        }
        try (Response response = client.generic().execute(Requests.builder()
                .method("POST")
                .endpoint("/" + MentionIndex.ALIAS + "/_update/" + pathSegment(id))
                .query(query)
                .json(toJson(body))
                .build())) {
            int status = response.getStatus();
            if (status == 200 || status == 201) {
                return Outcome.UPDATED;
            }
            if (status == 404 && !upsert) {
                return Outcome.NOT_FOUND;
            }
            String reason = response.getBody().map(Body::bodyAsString).orElse("");
            throw new IllegalStateException("OpenSearch refused the update of mention " + id + " (HTTP " + status + "): "
                    + reason);
        }
    }

    String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
