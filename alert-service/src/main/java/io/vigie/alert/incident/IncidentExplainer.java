package io.vigie.alert.incident;

import io.vigie.contracts.SentimentLabel;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Explains an incident from the mentions index {@code vigie-mentions}: its most telling mentions, where they come
 * from, and the words that set the episode apart from the watch's usual mentions (the {@code baseline} before it).
 * Counts come from aggregations (exact); mentions and terms from bounded samples (newest first).
 */
@Component
class IncidentExplainer {

    static final String MENTIONS_INDEX = "vigie-mentions";
    static final String UNKNOWN_LANGUAGE = "und";

    private static final Comparator<MentionHit> MOST_TELLING = Comparator
            .comparing((MentionHit hit) -> hit.label() == SentimentLabel.NEGATIVE ? 0 : 1)
            .thenComparing(Comparator.comparingLong(MentionHit::reach).reversed())
            .thenComparing(hit -> hit.publishedAt() == null ? Instant.EPOCH : hit.publishedAt(),
                    Comparator.reverseOrder());

    private final OpenSearchClient client;
    private final IncidentProperties.Explain settings;
    private final SignificantTerms significantTerms = new SignificantTerms(2);
    private final Clock clock;

    IncidentExplainer(OpenSearchClient client, IncidentProperties properties) {
        this.client = client;
        this.settings = properties.explanation();
        this.clock = Clock.systemUTC();
    }

    boolean enabled() {
        return settings.enabled();
    }

    /** @throws UncheckedIOException when OpenSearch cannot be read */
    Explanation explain(Incident incident) {
        Instant from = incident.episodeStart() != null ? incident.episodeStart()
                : incident.windowStart() != null ? incident.windowStart() : incident.firstRaisedAt();
        Instant to = incident.windowEnd() != null && incident.windowEnd().isAfter(from) ? incident.windowEnd()
                : incident.raisedAt();
        Instant baselineFrom = from.minus(settings.baseline());
        try {
            SearchResponse<MentionHit> episode = client.search(search -> search
                            .index(MENTIONS_INDEX)
                            .ignoreUnavailable(true)
                            .size(settings.episodeMentions())
                            .trackTotalHits(total -> total.enabled(true))
                            .query(inPeriod(incident.watchId(), from, to))
                            .sort(sort -> sort.field(field -> field.field("publishedAt").order(SortOrder.Desc)))
                            .source(source -> source.filter(filter -> filter.includes(MentionHit.FIELDS)))
                            .aggregations("bySource", agg -> agg.terms(terms -> terms.field("source.type").size(50)))
                            .aggregations("byLanguage", agg -> agg.terms(terms -> terms.field("language").size(50)
                                    .missing(FieldValue.of(UNKNOWN_LANGUAGE))))
                            .aggregations("bySentiment", agg -> agg.terms(terms -> terms.field("sentiment.label").size(10))),
                    MentionHit.class);
            List<MentionHit> episodeHits = hits(episode);
            List<MentionHit> baselineHits = List.of();
            long baselineTotal = 0;
            if (settings.baselineMentions() > 0) {
                SearchResponse<MentionHit> baseline = client.search(search -> search
                                .index(MENTIONS_INDEX)
                                .ignoreUnavailable(true)
                                .size(settings.baselineMentions())
                                .trackTotalHits(total -> total.enabled(true))
                                .query(inPeriod(incident.watchId(), baselineFrom, from))
                                .sort(sort -> sort.field(field -> field.field("publishedAt").order(SortOrder.Desc)))
                                .source(source -> source.filter(filter -> filter.includes(MentionHit.TEXT_FIELDS))),
                        MentionHit.class);
                baselineHits = hits(baseline);
                baselineTotal = total(baseline);
            }
            return new Explanation(from, to, total(episode), baselineTotal,
                    episodeHits.stream().sorted(MOST_TELLING).limit(settings.topMentions())
                            .map(MentionHit::toAlertMention).toList(),
                    buckets(episode.aggregations().get("bySource")),
                    buckets(episode.aggregations().get("byLanguage")),
                    buckets(episode.aggregations().get("bySentiment")),
                    significantTerms.top(texts(episodeHits), texts(baselineHits), settings.topTerms()),
                    incident.severity(), clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read mentions of watch " + incident.watchId() + " from "
                    + MENTIONS_INDEX + ": " + e.getMessage(), e);
        }
    }

    private static Query inPeriod(String watchId, Instant from, Instant to) {
        return Query.of(q -> q.bool(bool -> bool
                .filter(f -> f.term(term -> term.field("watchIds").value(FieldValue.of(watchId))))
                .filter(f -> f.range(range -> range.field("publishedAt")
                        .gte(JsonData.of(from.toString())).lt(JsonData.of(to.toString()))))));
    }

    private static List<MentionHit> hits(SearchResponse<MentionHit> response) {
        return response.hits().hits().stream().map(Hit::source).filter(Objects::nonNull).toList();
    }

    private static long total(SearchResponse<MentionHit> response) {
        return response.hits().total() == null ? response.hits().hits().size() : response.hits().total().value();
    }

    private static List<String> texts(List<MentionHit> hits) {
        return hits.stream().map(MentionHit::fullText).filter(Objects::nonNull).toList();
    }

    private static Map<String, Long> buckets(Aggregate aggregate) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (aggregate != null && aggregate.isSterms()) {
            aggregate.sterms().buckets().array().forEach(bucket -> counts.put(bucket.key(), bucket.docCount()));
        }
        return counts;
    }
}
