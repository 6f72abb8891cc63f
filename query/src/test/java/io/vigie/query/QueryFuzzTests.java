package io.vigie.query;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class QueryFuzzTests {

    private static final String[] PIECES = {
        "a", "b", "déçu", "vigi", "*", "\"", "(", ")", " ", " ", " ", "AND", "OR", "NOT", "NEAR/3", "NEAR", "NEAR/",
        "~", "~2", ":", "title:", "lang:", "author:", "foo:", "-", "'", "l'", "«", "»", "\u0301", "œ", "!", "0",
        "\uD83D\uDE00", "\t", "\\", "&&", "||", "1", "/"};

    @Test
    void randomInputOnlyEverFailsWithAQueryParseException() {
        Random random = new Random(20240603);
        int parsed = 0;
        for (int run = 0; run < 30_000; run++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(14);
            for (int p = 0; p < pieces; p++) {
                text.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : PIECES[random.nextInt(PIECES.length)]);
            }
            String query = text.toString();
            try {
                Query q = Query.parse(query);
                parsed++;
                assertThat(Query.parse(q.toString())).as("normal form of %s", query).isEqualTo(q);
                q.matches(QueryDocument.of(query, query, query, query, query, query));
            } catch (QueryParseException e) {
                assertThat(e.column()).as("column for %s", query).isBetween(1, query.length() + 1);
            } catch (RuntimeException e) {
                fail("'" + query + "' threw " + e, e);
            }
        }
        assertThat(parsed).as("the generator also produces valid queries").isGreaterThan(3_000);
    }
}
