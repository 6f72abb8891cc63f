package io.vigie.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class QueryMatchTests {

    private static final QueryDocument POST = QueryDocument.of(
            "Nuvelia : la panne continue",
            "Le service client de Nuvelia ne répond plus. Déçu par l'entreprise, vraiment déçu ! "
                    + "Facturée deux fois ce mois-ci, c'est une arnaque. Mon cœur de cliente est brisé.",
            "Élodie Martin", "@elo_martin", "fr", "Forum Conso");

    static Stream<Arguments> cases() {
        return Stream.of(
                // case and accents, both ways
                arguments("decu", true),
                arguments("déçu", true),
                arguments("DECU", true),
                arguments("DÉÇU", true),
                arguments("repond", true),
                arguments("coeur", true),
                arguments("cœur", true),
                arguments("facturee", true),
                arguments("factures", false),
                // French elision
                arguments("entreprise", true),
                arguments("l'entreprise", true),
                arguments("est", true),
                arguments("c'est", true),
                // boolean operators and precedence
                arguments("nuvelia panne", true),
                arguments("nuvelia AND boycott", false),
                arguments("boycott OR arnaque", true),
                arguments("boycott OR fuite", false),
                arguments("nuvelia NOT arnaque", false),
                arguments("nuvelia -boycott", true),
                arguments("NOT boycott", true),
                arguments("boycott OR nuvelia arnaque", true),
                arguments("(boycott OR nuvelia) fuite", false),
                arguments("NOT (boycott OR arnaque)", false),
                // phrases, across punctuation, within one field only
                arguments("\"service client\"", true),
                arguments("\"client service\"", false),
                arguments("\"vraiment decu facturee\"", true),
                arguments("\"mois ci\"", true),
                arguments("mois-ci", true),
                arguments("\"continue le service\"", false),
                // prefix
                arguments("nuvel*", true),
                arguments("arnaq*", true),
                arguments("boyc*", false),
                arguments("DÉÇ*", true),
                // proximity, any order, within the distance
                arguments("\"service nuvelia\"~2", true),
                arguments("\"nuvelia service\"~2", true),
                arguments("\"service nuvelia\"~1", false),
                arguments("\"client repond\"~3", true),
                arguments("\"client repond\"~2", false),
                arguments("service NEAR/2 nuvelia", true),
                arguments("nuvelia NEAR/2 service", true),
                arguments("service NEAR/1 nuvelia", false),
                arguments("service NEAR/0 client", true),
                arguments("client NEAR/0 service", true),
                arguments("\"service client\" NEAR/3 repond", true),
                arguments("\"service client\" NEAR/2 repond", false),
                arguments("arnaq* NEAR/7 factur*", true),
                arguments("arnaq* NEAR/6 factur*", false),
                arguments("panne NEAR/50 arnaque", false),
                // field scopes
                arguments("title:panne", true),
                arguments("text:panne", false),
                arguments("title:arnaque", false),
                arguments("text:arnaque", true),
                arguments("author:elodie", true),
                arguments("author:elo", true),
                arguments("author:\"elodie martin\"", true),
                arguments("author:\"martin elo\"", false),
                arguments("author:nuvelia", false),
                arguments("lang:fr", true),
                arguments("lang:FR", true),
                arguments("lang:en", false),
                arguments("NOT lang:en", true),
                arguments("lang:(en OR fr)", true),
                arguments("source:conso", true),
                arguments("source:\"forum conso\"", true),
                arguments("source:reddit", false),
                arguments("title:(panne NOT arnaque)", true),
                arguments("title:(service NEAR/3 client)", false),
                arguments("text:(service NEAR/3 client) lang:fr", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void matchesAsAUserExpects(String query, boolean expected) {
        assertThat(Query.parse(query).matches(POST)).isEqualTo(expected);
    }

    @Test
    void decomposedAccentsInTheDocumentAreFoldedToo() {
        assertThat(Query.parse("decu").matches(QueryDocument.ofText("de\u0301c\u0327u"))).isTrue();
    }

    @Test
    void aPreparedDocumentIsMatchedAgainstManyQueries() {
        PreparedDocument prepared = POST.prepare();

        assertThat(Query.parse("panne").matches(prepared)).isTrue();
        assertThat(Query.parse("boycott").matches(prepared)).isFalse();
        assertThat(Query.parse("title:panne").matches(prepared)).isTrue();
    }

    @Test
    void emptyPartsOfADocumentMatchNothingButNotQueries() {
        QueryDocument empty = QueryDocument.ofText(null);

        assertThat(Query.parse("panne").matches(empty)).isFalse();
        assertThat(Query.parse("lang:fr").matches(empty)).isFalse();
        assertThat(Query.parse("NOT panne").matches(empty)).isTrue();
    }

    @Test
    void repeatedWordsInAProximityNeedAsManyOccurrences() {
        assertThat(Query.parse("\"bis bis\"~3").matches(QueryDocument.ofText("bis repetita"))).isFalse();
        assertThat(Query.parse("\"bis bis\"~3").matches(QueryDocument.ofText("bis et bis"))).isTrue();
    }
}
