package io.vigie.sentiment.search;

import io.vigie.sentiment.index.MentionDocument;
import io.vigie.sentiment.index.MentionIndex;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Highlight;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mention search. Free text goes through {@code simple_query_string} across the language-analysed fields: it never
 * fails on a user's syntax and exposes no field or script access, unlike {@code query_string}.
 */
@Service
public class MentionSearchService {

    private static final int FRAGMENT_SIZE = 160;
    private static final String HUMAN_LABEL = "humanSentiment.label";
    private static final int FRAGMENTS_PER_FIELD = 3;

    private final OpenSearchClient client;

    public MentionSearchService(OpenSearchClient client) {
        this.client = client;
    }

    public MentionSearchResult search(MentionQuery query) {
        SearchRequest request = request(query);
        try {
            SearchResponse<MentionDocument> response = client.search(request, MentionDocument.class);
            long total = response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value();
            List<MentionHit> hits = response.hits().hits().stream().map(MentionSearchService::hit).toList();
            return new MentionSearchResult(total, hits);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch did not answer the mention search", e);
        }
    }

    static SearchRequest request(MentionQuery query) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (query.text() != null) {
            bool.must(m -> m.simpleQueryString(s -> s.query(query.text())
                    .fields(MentionDocument.TEXT_FIELDS)
                    .defaultOperator(Operator.And)));
        }
        effectiveSentimentFilter(bool, query.sentiments());
        termsFilter(bool, "language", query.languages());
        termsFilter(bool, "watchIds", query.watchIds());
        if (query.from() != null || query.to() != null) {
            bool.filter(f -> f.range(r -> {
                r.field("publishedAt");
                if (query.from() != null) {
                    r.gte(JsonData.of(query.from().toString()));
                }
                if (query.to() != null) {
                    r.lte(JsonData.of(query.to().toString()));
                }
                return r;
            }));
        }
        Query boolQuery = Query.of(q -> q.bool(bool.build()));
        return SearchRequest.of(s -> {
            s.index(MentionIndex.ALIAS)
                    .query(boolQuery)
                    .trackTotalHits(t -> t.enabled(true))
                    .from(query.page() * query.size())
                    .size(query.size());
            if (query.text() == null) {
                s.sort(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Desc)));
            } else {
                s.sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Desc)))
                        .highlight(highlight());
            }
            return s;
        });
    }

    /** The html encoder escapes whatever markup the post itself contains; only the {@code <em>} tags are markup. */
    private static Highlight highlight() {
        Highlight.Builder highlight = new Highlight.Builder().encoder(HighlighterEncoder.Html)
                .preTags("<em>").postTags("</em>");
        for (String field : MentionDocument.TEXT_FIELDS) {
            highlight.fields(field, f -> f.fragmentSize(FRAGMENT_SIZE).numberOfFragments(FRAGMENTS_PER_FIELD));
        }
        return highlight.build();
    }

    /**
     * The effective label is the analyst's when there is one, else the model's: a mention the model called positive and
     * an analyst corrected to negative is found with {@code sentiment=negative}, and no longer with {@code positive}.
     */
    private static void effectiveSentimentFilter(BoolQuery.Builder bool, List<String> labels) {
        if (labels.isEmpty()) {
            return;
        }
        List<FieldValue> values = labels.stream().map(FieldValue::of).toList();
        bool.filter(f -> f.bool(b -> b
                .should(s -> s.terms(t -> t.field(HUMAN_LABEL).terms(v -> v.value(values))))
                .should(s -> s.bool(model -> model
                        .filter(m -> m.terms(t -> t.field("sentiment.label").terms(v -> v.value(values))))
                        .mustNot(n -> n.exists(e -> e.field(HUMAN_LABEL)))))
                .minimumShouldMatch("1")));
    }

    private static void termsFilter(BoolQuery.Builder bool, String field, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        List<FieldValue> fieldValues = values.stream().map(FieldValue::of).toList();
        bool.filter(f -> f.terms(t -> t.field(field).terms(v -> v.value(fieldValues))));
    }

    private static MentionHit hit(Hit<MentionDocument> hit) {
        MentionDocument document = hit.source();
        List<String> highlights = new ArrayList<>();
        Map<String, List<String>> byField = hit.highlight();
        for (String field : MentionDocument.TEXT_FIELDS) {
            highlights.addAll(byField.getOrDefault(field, List.of()));
        }
        if (document == null) {
            return new MentionHit(hit.id(), null, null, null, null, null, null, null, List.of(), null, null, highlights);
        }
        return new MentionHit(document.id(), document.url(), document.anyTitle(), document.anyText(), document.language(),
                document.source(), document.author(), document.publishedAt(), document.watchIds(), document.sentiment(),
                document.humanSentiment(), highlights);
    }
}
