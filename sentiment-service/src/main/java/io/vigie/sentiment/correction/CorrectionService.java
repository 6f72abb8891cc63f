package io.vigie.sentiment.correction;

import io.vigie.sentiment.index.MentionDocument;
import io.vigie.sentiment.index.MentionIndex;
import io.vigie.sentiment.index.MentionUpdates;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records analysts' labels on mention documents, and reads them back as training data.
 *
 * <p>A correction is a partial update of the mention's document that touches only {@code humanSentiment}; the indexer
 * in turn never writes that field (see {@link io.vigie.sentiment.index.MentionIndexer}), so a re-delivered mention
 * keeps its correction. Both refresh-wait, so a search right after the answer shows the correction.
 */
@Service
public class CorrectionService {

    static final String FIELD = "humanSentiment";
    private static final int EXPORT_PAGE = 500;
    /** OpenSearch refuses ids longer than this many bytes, so no mention can have one. */
    private static final int MAX_ID_BYTES = 512;

    private final OpenSearchClient client;
    private final MentionUpdates updates;
    private final Clock clock;

    public CorrectionService(OpenSearchClient client, MentionUpdates updates) {
        this.client = client;
        this.updates = updates;
        this.clock = Clock.systemUTC();
    }

    /** Records (or replaces) the analyst's label on the mention; the stored correction is returned. */
    public HumanSentiment record(String mentionId, CorrectionRequest request) {
        HumanSentiment correction = request.at(clock.instant());
        Map<String, Object> doc = new HashMap<>();
        doc.put(FIELD, correction);
        update(mentionId, doc);
        return correction;
    }

    /** Withdraws the analyst's label: the model's label is the mention's effective one again. */
    public void withdraw(String mentionId) {
        Map<String, Object> doc = new HashMap<>();
        doc.put(FIELD, null);
        update(mentionId, doc);
    }

    private void update(String mentionId, Map<String, Object> doc) {
        if (mentionId.isBlank() || mentionId.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
            throw new MentionNotFoundException(mentionId);
        }
        try {
            if (updates.update(mentionId, doc, false, true) == MentionUpdates.Outcome.NOT_FOUND) {
                throw new MentionNotFoundException(mentionId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch did not answer the correction of mention " + mentionId, e);
        }
    }

    /**
     * Every corrected mention, oldest correction first, as training examples; pages through with {@code search_after}
     * so the export is not bounded by the search window.
     */
    public void export(Consumer<CorrectionExample> sink) {
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> searchAfter = after;
            SearchResponse<MentionDocument> page;
            try {
                page = client.search(s -> {
                    s.index(MentionIndex.ALIAS)
                            .query(q -> q.exists(e -> e.field(FIELD + ".label")))
                            .sort(o -> o.field(f -> f.field(FIELD + ".at").order(SortOrder.Asc)))
                            .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)))
                            .size(EXPORT_PAGE);
                    if (searchAfter != null) {
                        s.searchAfter(searchAfter);
                    }
                    return s;
                }, MentionDocument.class);
            } catch (IOException e) {
                throw new UncheckedIOException("OpenSearch did not answer the corrections export", e);
            }
            List<Hit<MentionDocument>> hits = page.hits().hits();
            for (Hit<MentionDocument> hit : hits) {
                CorrectionExample example = CorrectionExample.of(hit.source());
                if (example != null) {
                    sink.accept(example);
                }
            }
            if (hits.size() < EXPORT_PAGE) {
                return;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }
}
