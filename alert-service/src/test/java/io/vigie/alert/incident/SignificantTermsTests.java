package io.vigie.alert.incident;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignificantTermsTests {

    private final SignificantTerms terms = new SignificantTerms(2);

    @Test
    void aWordFrequentInTheEpisodeAndRareInTheBaselineRanksFirst() {
        List<String> baseline = new ArrayList<>();
        baseline.addAll(Collections.nCopies(300, "Nuvelia customer service answered quickly, happy with the app"));
        baseline.addAll(Collections.nCopies(100, "Nuvelia ouvre une agence à Lyon"));
        baseline.add("I was billed twice once, years ago, by another supplier");
        List<String> episode = new ArrayList<>();
        episode.addAll(Collections.nCopies(20, "Nuvelia charged me twice this month, I want a refund"));
        episode.addAll(Collections.nCopies(10, "Nuvelia m'a prélevé deux fois, scandale"));
        episode.addAll(Collections.nCopies(5, "Nuvelia customer service answered quickly"));

        List<TopTerm> top = terms.top(episode, baseline, 10);

        assertThat(top).isNotEmpty();
        assertThat(top.get(0).term()).isIn("charged", "twice", "refund", "month", "want");
        assertThat(top).extracting(TopTerm::term).contains("twice", "preleve", "scandale")
                .doesNotContain("nuvelia", "customer", "service");
        TopTerm twice = top.stream().filter(term -> term.term().equals("twice")).findFirst().orElseThrow();
        assertThat(twice.episodeDocs()).isEqualTo(20);
        assertThat(twice.baselineDocs()).isEqualTo(1);
        assertThat(top).extracting(TopTerm::score).isSortedAccordingTo(Collections.reverseOrder());
    }

    @Test
    void stopwordsNeverMakeTheList() {
        List<String> episode = Collections.nCopies(50, "The les des and of that est une pour the with these dans");
        List<String> baseline = List.of("Nuvelia", "Nuvelia app");

        assertThat(terms.top(episode, baseline, 10)).isEmpty();
    }

    @Test
    void accentsAndCaseAreFoldedAndEachMentionCountsOnce() {
        List<String> episode = List.of("Prélevé PRÉLEVÉ prelevé", "preleve", "Données piratées");
        List<TopTerm> top = terms.top(episode, List.of("rien"), 10);

        assertThat(top).extracting(TopTerm::term).containsExactly("preleve");
        assertThat(top.get(0).episodeDocs()).isEqualTo(2);
    }

    @Test
    void withoutBaselineTheMostFrequentEpisodeWordsComeFirst() {
        List<String> episode = List.of("panne appli", "panne compteur", "panne appli", "facture");

        assertThat(terms.top(episode, List.of(), 10)).extracting(TopTerm::term).containsExactly("panne", "appli");
    }

    @Test
    void theLogLikelihoodRatioIsZeroWhenBothSidesHaveTheSameRate() {
        assertThat(SignificantTerms.logLikelihoodRatio(10, 90, 100, 900)).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(SignificantTerms.logLikelihoodRatio(30, 10, 2, 998)).isGreaterThan(100);
    }

    @Test
    void tokensDropLinksNumbersAndShortWords() {
        assertThat(Tokenizer.distinctTerms("L'entreprise a 2 pannes: https://example.org/x?y=1 www.foo.fr ok"))
                .containsExactly("entreprise", "pannes");
    }
}
