package io.vigie.alert.incident;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A word that sets the episode's mentions apart from the watch's usual ones.
 *
 * @param term          the word, lower-case and without accents
 * @param episodeDocs   episode mentions containing it
 * @param baselineDocs  baseline mentions containing it
 * @param score         log-likelihood ratio (G²) of the over-representation; higher is more telling
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TopTerm(String term, long episodeDocs, long baselineDocs, double score) {
}
