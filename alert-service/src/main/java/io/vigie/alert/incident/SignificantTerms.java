package io.vigie.alert.incident;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words that set a set of texts (the episode) apart from another (the watch's usual mentions), over document
 * frequencies: a word counts once per mention however often it is repeated, so one long rant cannot make the list.
 *
 * <p>Each word is scored with Dunning's log-likelihood ratio (G²) of its 2x2 table (in or not in the episode, with or
 * without the word); only words relatively at least twice as frequent in the episode as in the baseline are kept. G² rewards
 * both the gap and the evidence: a word in 30 of 40 episode mentions and 2 of 1000 usual ones beats a word seen once.
 * With no baseline at all (a new watch), every score is zero and the most frequent episode words come first.
 */
final class SignificantTerms {

    private static final double MIN_LIFT = 2;

    private final int minEpisodeDocs;

    /** @param minEpisodeDocs episode mentions a word must appear in at least (1 keeps typos; 2 is a good floor) */
    SignificantTerms(int minEpisodeDocs) {
        this.minEpisodeDocs = minEpisodeDocs;
    }

    /** @return at most {@code limit} words, most telling first */
    List<TopTerm> top(Collection<String> episodeTexts, Collection<String> baselineTexts, int limit) {
        Map<String, Long> episode = documentFrequencies(episodeTexts);
        Map<String, Long> baseline = documentFrequencies(baselineTexts);
        long episodeDocs = episodeTexts.size();
        long baselineDocs = baselineTexts.size();
        List<TopTerm> terms = new ArrayList<>();
        for (Map.Entry<String, Long> entry : episode.entrySet()) {
            long inEpisode = entry.getValue();
            long inBaseline = baseline.getOrDefault(entry.getKey(), 0L);
            if (inEpisode < minEpisodeDocs) {
                continue;
            }
            // Over-represented only: relatively at least twice as frequent in the episode as in the baseline. Without
            // this floor the watch's own name (in nearly every mention, both sides) could scrape into the list.
            if (baselineDocs > 0 && (double) inEpisode / episodeDocs < MIN_LIFT * inBaseline / baselineDocs) {
                continue;
            }
            terms.add(new TopTerm(entry.getKey(), inEpisode, inBaseline,
                    logLikelihoodRatio(inEpisode, episodeDocs - inEpisode, inBaseline, baselineDocs - inBaseline)));
        }
        terms.sort(Comparator.comparingDouble(TopTerm::score).reversed()
                .thenComparing(Comparator.comparingLong(TopTerm::episodeDocs).reversed())
                .thenComparing(TopTerm::term));
        return terms.size() > limit ? List.copyOf(terms.subList(0, limit)) : List.copyOf(terms);
    }

    private static Map<String, Long> documentFrequencies(Collection<String> texts) {
        Map<String, Long> frequencies = new HashMap<>();
        for (String text : texts) {
            for (String term : Tokenizer.distinctTerms(text)) {
                frequencies.merge(term, 1L, Long::sum);
            }
        }
        return frequencies;
    }

    /**
     * G² = 2 Σ O ln(O / E) over the four cells of the table: a, b = episode / baseline mentions with the word;
     * c, d = without.
     */
    static double logLikelihoodRatio(long a, long c, long b, long d) {
        double total = a + b + c + d;
        if (total == 0) {
            return 0;
        }
        double withWord = a + b;
        double withoutWord = c + d;
        double episode = a + c;
        double baseline = b + d;
        double g2 = cell(a, episode * withWord / total) + cell(b, baseline * withWord / total)
                + cell(c, episode * withoutWord / total) + cell(d, baseline * withoutWord / total);
        return Math.max(0, 2 * g2);
    }

    private static double cell(long observed, double expected) {
        return observed == 0 || expected == 0 ? 0 : observed * Math.log(observed / expected);
    }
}
