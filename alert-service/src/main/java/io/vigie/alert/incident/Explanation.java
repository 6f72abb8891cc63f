package io.vigie.alert.incident;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vigie.contracts.AlertMention;
import io.vigie.contracts.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an incident is about, computed by alert-service from the mentions index.
 *
 * @param from             start of the episode the mentions were taken from
 * @param to               its end
 * @param episodeMentions  mentions of the watch published in the episode
 * @param baselineMentions mentions of the watch in the baseline period before it
 * @param topMentions      the most telling mentions: negative first, then by author reach
 * @param bySource         episode mentions per source type
 * @param byLanguage       episode mentions per language ({@code und} when unknown)
 * @param bySentiment      episode mentions per sentiment label
 * @param topTerms         words over-represented in the episode compared to the baseline, most telling first
 * @param severity         the incident's severity when this was computed (recomputed on escalation)
 * @param computedAt       when it was computed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Explanation(Instant from, Instant to, long episodeMentions, long baselineMentions,
                          List<AlertMention> topMentions, Map<String, Long> bySource, Map<String, Long> byLanguage,
                          Map<String, Long> bySentiment, List<TopTerm> topTerms, Severity severity,
                          Instant computedAt) {

    public Explanation {
        topMentions = topMentions == null ? List.of() : List.copyOf(topMentions);
        bySource = bySource == null ? Map.of() : Map.copyOf(bySource);
        byLanguage = byLanguage == null ? Map.of() : Map.copyOf(byLanguage);
        bySentiment = bySentiment == null ? Map.of() : Map.copyOf(bySentiment);
        topTerms = topTerms == null ? List.of() : List.copyOf(topTerms);
    }
}
