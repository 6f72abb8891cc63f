package io.vigie.sentiment.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MentionQueryTests {

    @Test
    void defaultsToTheFirstTwentyOfEverything() {
        MentionQuery query = MentionQuery.parse(null, null, null, null, null, null, null, null);
        assertThat(query).isEqualTo(new MentionQuery(null, List.of(), List.of(), List.of(), null, null, 20, 0));
    }

    @Test
    void parsesFiltersListsAndDates() {
        MentionQuery query = MentionQuery.parse("  entreprise ", "Negative,neutral", "fr", "nuvelia,acme",
                "2026-11-20", "2026-11-21", "50", "2");
        assertThat(query.text()).isEqualTo("entreprise");
        assertThat(query.sentiments()).containsExactly("negative", "neutral");
        assertThat(query.languages()).containsExactly("fr");
        assertThat(query.watchIds()).containsExactly("nuvelia", "acme");
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-21T23:59:59.999Z"));
        assertThat(query.size()).isEqualTo(50);
        assertThat(query.page()).isEqualTo(2);
    }

    @Test
    void acceptsDateTimesWithAnOffset() {
        MentionQuery query = MentionQuery.parse(null, null, null, null, "2026-11-21T18:42:10+01:00", null, null, null);
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-21T17:42:10Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", quoteCharacter = '"', textBlock = """
            from      | yesterday  | -     | -   | -        | -  | 'yesterday' is not an ISO-8601 date
            to        | -          | 21/11 | -   | -        | -  | '21/11' is not an ISO-8601 date
            from      | 2026-11-22 | 2026-11-21 | - | -      | -  | is after to
            size      | -          | -     | 101 | -        | -  | between 1 and 100
            size      | -          | -     | ten | -        | -  | not a whole number
            page      | -          | -     | 100 | 100      | -  | goes past the first 10000 hits
            sentiment | -          | -     | -   | -        | angry | unknown sentiment 'angry'
            """)
    void refusesBadParametersNamingThem(String parameter, String from, String to, String size, String page,
                                        String sentiment, String message) {
        assertThatThrownBy(() -> MentionQuery.parse(null, sentiment, null, null, from, to, size, page))
                .isInstanceOfSatisfying(InvalidSearchParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo(parameter))
                .hasMessageContaining(message);
    }

    @Test
    void refusesAnUnknownLanguage() {
        assertThatThrownBy(() -> MentionQuery.parse(null, null, "de", null, null, null, null, null))
                .hasMessageContaining("unknown language 'de'");
    }
}
