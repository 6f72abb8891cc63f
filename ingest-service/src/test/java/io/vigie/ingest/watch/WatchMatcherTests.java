package io.vigie.ingest.watch;

import io.vigie.contracts.Author;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.WatchDefinition;
import org.junit.jupiter.api.Test;

import java.time.Instant;

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
    void keywordsThatLookLikeQuerySyntaxAreStillPlainKeywords() {
        WatchMatcher matcher = matcher(new Watch("ops", null, List.of("AND", "title:x", "say \"hi\""), List.of(),
                List.of()));

        assertThat(matcher.matchingWatchIds("Black AND white", null, null)).containsExactly("ops");
        assertThat(matcher.matchingWatchIds("the title x", null, null)).containsExactly("ops");
        assertThat(matcher.matchingWatchIds("they say hi", null, null)).containsExactly("ops");
        assertThat(matcher.matchingWatchIds("nothing here", null, null)).isEmpty();
    }

    @Test
    void queriesSeeTheAuthorAndTheSourceOfAMention() {
        WatchRepository repository = new WatchRepository();
        repository.put(new WatchDefinition("ceo", "CEO", "author:dupont AND NOT source:\"Forum Conso\"", List.of(),
                "UTC", false, null, List.of()));
        WatchMatcher matcher = new WatchMatcher(repository);

        assertThat(matcher.matchingWatchIds(mention("Marie Dupont", "Le Blog"))).containsExactly("ceo");
        assertThat(matcher.matchingWatchIds(mention("Marie Dupont", "Forum Conso"))).isEmpty();
        assertThat(matcher.matchingWatchIds(mention("Jean Martin", "Le Blog"))).isEmpty();
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

    private static MentionIngested mention(String author, String sourceName) {
        Instant now = Instant.parse("2026-11-20T08:00:00Z");
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of("test", author + sourceName),
                List.of(), new MentionSource("test", sourceName), null, new Author(author, null, null, null), null,
                "un message", "fr", now, now, null, null);
    }

    private static WatchMatcher matcher(Watch... watches) {
        return new WatchMatcher(new WatchRepository(List.of(watches)));
    }
}
