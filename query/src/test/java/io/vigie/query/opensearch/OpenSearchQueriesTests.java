package io.vigie.query.opensearch;

import io.vigie.query.Query;
import io.vigie.query.QueryField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class OpenSearchQueriesTests {

    /** One index field per query field keeps the snapshots readable; the multi-field case is tested apart. */
    private static final FieldMapping SIMPLE = new FieldMapping(
            Map.of(QueryField.TITLE, List.of("t"), QueryField.TEXT, List.of("x"), QueryField.AUTHOR, List.of("a"),
                    QueryField.LANG, List.of("language"), QueryField.SOURCE, List.of("source.name")),
            Set.of("language", "source.name"));

    static Stream<Arguments> snapshots() {
        return Stream.of(
                arguments("text:Déçu", """
                        {"match":{"x":{"query":"decu"}}}"""),
                arguments("text:a text:b OR NOT text:c", """
                        {"bool":{"should":[{"bool":{"must":[{"match":{"x":{"query":"a"}}},{"match":{"x":{"query":"b"}}}]}},\
                        {"bool":{"must_not":[{"match":{"x":{"query":"c"}}}]}}],"minimum_should_match":1}}"""),
                arguments("title:\"service client\"", """
                        {"match_phrase":{"t":{"query":"service client"}}}"""),
                arguments("title:vigi*", """
                        {"prefix":{"t":{"value":"vigi"}}}"""),
                arguments("text:\"service client\"~5", """
                        {"span_near":{"clauses":[{"span_term":{"x":"service"}},{"span_term":{"x":"client"}}],\
                        "slop":5,"in_order":false}}"""),
                arguments("text:(\"service client\" NEAR/3 nul*)", """
                        {"span_near":{"clauses":[{"span_near":{"clauses":[{"span_term":{"x":"service"}},\
                        {"span_term":{"x":"client"}}],"slop":0,"in_order":true}},\
                        {"span_multi":{"match":{"prefix":{"x":{"value":"nul"}}}}}],"slop":3,"in_order":false}}"""),
                arguments("lang:FR", """
                        {"term":{"language":{"value":"fr","case_insensitive":true}}}"""),
                arguments("source:\"Hacker News\"", """
                        {"term":{"source.name":{"value":"hacker news","case_insensitive":true}}}"""),
                arguments("panne", """
                        {"bool":{"should":[{"match":{"t":{"query":"panne"}}},{"match":{"x":{"query":"panne"}}}],\
                        "minimum_should_match":1}}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snapshots")
    void translatesToStructuredQueries(String query, String json) {
        assertEquals(json, OpenSearchQueries.toQueryJson(Query.parse(query), SIMPLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snapshots")
    void neverUsesQueryString(String query, String ignored) {
        assertThat(OpenSearchQueries.toQueryJson(Query.parse(query), FieldMapping.VIGIE_MENTIONS))
                .doesNotContain("query_string");
    }

    @org.junit.jupiter.api.Test
    void searchesEveryLanguageFieldOfTheMentionsIndex() {
        String json = OpenSearchQueries.toQueryJson(Query.parse("title:panne"), FieldMapping.VIGIE_MENTIONS);

        assertThat(json).isEqualTo("""
                {"bool":{"should":[{"match":{"title":{"query":"panne"}}},{"match":{"title_fr":{"query":"panne"}}},\
                {"match":{"title_en":{"query":"panne"}}}],"minimum_should_match":1}}""");
    }

    @org.junit.jupiter.api.Test
    void aMappingMustCoverEveryField() {
        assertThatThrownBy(() -> new FieldMapping(Map.of(QueryField.TITLE, List.of("t")), Set.of()))
                .hasMessageContaining("no index field mapped for");
    }
}
