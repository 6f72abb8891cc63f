package io.vigie.query;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class QueryParseTests {

    static Stream<Arguments> normalForms() {
        return Stream.of(
                arguments("nuvelia", "nuvelia"),
                arguments("Nuvelia", "nuvelia"),
                arguments("DÉÇU", "decu"),
                arguments("cœur", "coeur"),
                arguments("l'entreprise", "entreprise"),
                arguments("l’entreprise", "entreprise"),
                arguments("a b", "a AND b"),
                arguments("a AND b", "a AND b"),
                arguments("a && b || c", "(a AND b) OR c"),
                arguments("a OR b", "a OR b"),
                arguments("a b OR c", "(a AND b) OR c"),
                arguments("a OR b c", "a OR (b AND c)"),
                arguments("a OR b AND c", "a OR (b AND c)"),
                arguments("(a OR b) c", "(a OR b) AND c"),
                arguments("((a))", "a"),
                arguments("(a AND b) AND c", "a AND b AND c"),
                arguments("a OR (b OR c)", "a OR b OR c"),
                arguments("NOT a b", "NOT a AND b"),
                arguments("a NOT b", "a AND NOT b"),
                arguments("NOT (a OR b)", "NOT (a OR b)"),
                arguments("NOT NOT a", "NOT NOT a"),
                arguments("-spam -\"code promo\"", "NOT spam AND NOT \"code promo\""),
                arguments("a and b", "a AND and AND b"),
                arguments("\"Service  Client\"", "\"service client\""),
                arguments("\"service, client!\"", "\"service client\""),
                arguments("«service client»", "\"service client\""),
                arguments("\"client\"", "client"),
                arguments("\"service client\"~5", "\"service client\"~5"),
                arguments("e-mail", "\"e mail\""),
                arguments("vigi*", "vigi*"),
                arguments("Déç*", "dec*"),
                arguments("service NEAR/5 client", "service NEAR/5 client"),
                arguments("a NEAR/2 b NEAR/3 c", "a NEAR/2 b NEAR/3 c"),
                arguments("a NEAR/2 (b NEAR/3 c)", "a NEAR/2 (b NEAR/3 c)"),
                arguments("NOT a NEAR/2 b", "NOT a NEAR/2 b"),
                arguments("\"service client\" NEAR/4 nul*", "\"service client\" NEAR/4 nul*"),
                arguments("title:Panne", "title:panne"),
                arguments("TITLE:panne", "title:panne"),
                arguments("title:\"grosse panne\"", "title:\"grosse panne\""),
                arguments("title:(panne OR coupure)", "title:panne OR title:coupure"),
                arguments("title:(service NEAR/3 client)", "title:service NEAR/3 title:client"),
                arguments("author:@jdupont", "author:jdupont"),
                arguments("lang:FR", "lang:fr"),
                arguments("lang:pt-BR", "lang:pt-br"),
                arguments("lang:(fr OR en)", "lang:fr OR lang:en"),
                arguments("source:\"hacker news\" text:panne", "source:\"hacker news\" AND text:panne"),
                arguments("nuvelia (panne OR coupure OR \"plus d'électricité\") -lang:en NOT arnaque*",
                        "nuvelia AND (panne OR coupure OR \"plus electricite\") AND NOT lang:en AND NOT arnaque*"),
                arguments("12:30", "\"12 30\""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("normalForms")
    void parsesToItsNormalForm(String query, String normalForm) {
        Query parsed = Query.parse(query);

        assertThat(parsed).hasToString(normalForm);
        assertThat(Query.parse(parsed.toString())).as("the normal form parses to itself").isEqualTo(parsed)
                .hasToString(normalForm);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("", 1, "the query is empty"),
                arguments("   ", 1, "the query is empty"),
                arguments("a AND", 6, "expected a word, a \"phrase\" or a (group) after AND at column 3, found the end"),
                arguments("AND a", 1, "found 'AND' (AND goes between two terms)"),
                arguments("a OR OR b", 6, "after OR at column 3, found 'OR'"),
                arguments("(a OR b", 8, "expected ')' to close the '(' at column 1, found the end of the query"),
                arguments("a OR b)", 7, "unexpected ')': there is no '(' to close"),
                arguments("()", 2, "empty group"),
                arguments("a \"service client", 3, "this quote is never closed"),
                arguments("\"service client\"~", 18, "'~' must be followed by a number"),
                arguments("\"service client\"~x", 18, "'~' must be followed by a number"),
                arguments("client~2", 7, "'~' goes right after a closing quote"),
                arguments("vi*gie", 3, "'*' is only allowed at the end of a word"),
                arguments("*gie", 1, "'*' is only allowed at the end of a word"),
                arguments("a*", 1, "a prefix needs at least 2 letters"),
                arguments("e-mai*", 1, "'*' applies to a single word"),
                arguments("a NEAR b", 3, "NEAR needs a distance in words, like NEAR/5"),
                arguments("a NEAR/ b", 8, "expected a distance after NEAR/"),
                arguments("a NEAR/500 b", 8, "a distance of at most 100 words"),
                arguments("a NEAR/3", 9, "after NEAR/3 at column 3, found the end of the query"),
                arguments("(a OR b) NEAR/3 c", 1, "NEAR/3 needs a word, a prefix* or a \"phrase\" on each side"),
                arguments("a NEAR/3 NOT b", 10, "after NEAR/3 at column 3, found 'NOT'"),
                arguments("title:a NEAR/3 b", 9, "both sides of NEAR/3 must be in the same field"),
                arguments("lang:fr NEAR/3 b", 1, "lang: cannot be used with NEAR"),
                arguments("foo:bar", 1, "unknown field 'foo'; fields are title, text, author, lang, source"),
                arguments("https://nuvelia.fr", 1, "unknown field 'https'"),
                arguments("title: panne", 7, "right after 'title:'"),
                arguments("title:(author:x)", 8, "'author:' cannot be used inside title:(...)"),
                arguments("lang:\"fr\"", 6, "lang: takes a language code"),
                arguments("lang:f.r", 6, "lang: takes a language code like fr or en, found 'f.r'"),
                arguments("!!!", 1, "'!!!' has no letter or digit"),
                arguments("a - b", 3, "'-' has no letter or digit"),
                arguments("a -", 3, "'-' has no letter or digit"),
                arguments("\"!!\"", 1, "the phrase has no letter or digit"),
                arguments("a )", 3, "unexpected ')'"),
                arguments("(".repeat(40) + "a" + ")".repeat(40), 33, "more than 32 levels deep"),
                arguments("NOT ".repeat(40) + "a", 129, "more than 32 levels deep"),
                arguments("a ".repeat(201), 401, "more than 200 words and phrases"),
                arguments("a".repeat(2001), 2001, "the limit is 2000"));
    }

    @ParameterizedTest(name = "{0} -> column {1}")
    @MethodSource("errors")
    void reportsTheColumnAndWhatWasExpected(String query, int column, String reason) {
        assertThatThrownBy(() -> Query.parse(query))
                .isInstanceOfSatisfying(QueryParseException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.getMessage()).startsWith("column " + column + ": ");
                });
    }
}
