package io.vigie.ingest.watch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchMatcherTests {

    @Test
    void keywordsMatchIgnoringCaseAndAccents() {
        WatchMatcher matcher = matcher(new Watch("energie", null, List.of("énergie verte"), List.of(), List.of()));

        assertThat(matcher.matchingWatchIds("L'ENERGIE VERTE, enfin", null, null)).containsExactly("energie");
        assertThat(matcher.matchingWatchIds(null, "une énergie   Verte ?", null)).containsExactly("energie");
        assertThat(matcher.matchingWatchIds("Énergie-verte", null, null)).containsExactly("energie");
    }

    @Test
    void keywordsMatchWholeWordsOnly() {
        WatchMatcher matcher = matcher(new Watch("nuvelia", null, List.of("Nuvelia"), List.of(), List.of()));

        assertThat(matcher.matchingWatchIds("Nuvelia's new tariff", null, null)).containsExactly("nuvelia");
        assertThat(matcher.matchingWatchIds("#Nuvelia @nuvelia_fr", null, null)).containsExactly("nuvelia");
        assertThat(matcher.matchingWatchIds("nuveliaenergie.example", null, null)).isEmpty();
    }

    @Test
    void anyKeywordOfAWatchIsEnoughAndEveryMatchingWatchIsReturned() {
        WatchMatcher matcher = matcher(
                new Watch("nuvelia", null, List.of("nuvelia"), List.of(), List.of()),
                new Watch("outages", null, List.of("panne", "outage"), List.of(), List.of()),
                new Watch("billing", null, List.of("facture"), List.of(), List.of()));

        assertThat(matcher.matchingWatchIds("Outage at Nuvelia", "no power since 8am", "en"))
                .containsExactly("nuvelia", "outages");
    }

    @Test
    void aWatchLimitedToLanguagesSkipsOthersButKeepsItemsOfUnknownLanguage() {
        WatchMatcher matcher = matcher(new Watch("fr-only", null, List.of("nuvelia"), List.of(), List.of("fr")));

        assertThat(matcher.matchingWatchIds("Nuvelia", null, "FR")).containsExactly("fr-only");
        assertThat(matcher.matchingWatchIds("Nuvelia", null, "en")).isEmpty();
        assertThat(matcher.matchingWatchIds("Nuvelia", null, null)).containsExactly("fr-only");
    }

    @Test
    void aConfigurationMistakeStopsTheServiceWithWhatToFix() {
        List<Watch> watches = List.of(
                new Watch("a", null, List.of("x"), List.of(), List.of()),
                new Watch("a", null, List.of(), List.of("ftp://example.org/feed"), List.of()));

        assertThatThrownBy(() -> new WatchRepository(watches))
                .hasMessageContaining("vigie.ingest.watches[1]: id 'a' is used twice")
                .hasMessageContaining("list at least one keyword")
                .hasMessageContaining("feed 'ftp://example.org/feed' is not an http(s) URL");
    }

    private static WatchMatcher matcher(Watch... watches) {
        return new WatchMatcher(new WatchRepository(List.of(watches)));
    }
}
