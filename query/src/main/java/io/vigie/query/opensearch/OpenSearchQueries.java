package io.vigie.query.opensearch;

import io.vigie.query.Query;
import io.vigie.query.QueryField;
import io.vigie.query.QueryNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates a parsed query into OpenSearch query DSL JSON built only from {@code bool}, {@code match},
 * {@code match_phrase}, {@code prefix}, {@code term} and span queries, never {@code query_string}: the user's text has
 * already been parsed and validated here, so OpenSearch never sees query syntax and cannot reach another field.
 * Words are sent folded (lower case, no accents), as the matcher sees them. The JSON can be given to opensearch-java
 * with {@code Query.of(q -> q.withJson(new StringReader(json)))}.
 */
public final class OpenSearchQueries {

    private OpenSearchQueries() {
    }

    /** Compact JSON of the query clause (what goes under {@code "query"} in a search request). */
    public static String toQueryJson(Query query, FieldMapping mapping) {
        StringBuilder out = new StringBuilder(256);
        write(query.root(), mapping, out);
        return out.toString();
    }

    private static void write(QueryNode node, FieldMapping mapping, StringBuilder out) {
        if (node instanceof QueryNode.And and) {
            bool(out, "must", and.children(), mapping, false);
        } else if (node instanceof QueryNode.Or or) {
            bool(out, "should", or.children(), mapping, true);
        } else if (node instanceof QueryNode.Not not) {
            bool(out, "must_not", List.of(not.child()), mapping, false);
        } else {
            QueryField field = ((QueryNode.Leaf) node).field();
            List<String> targets = mapping.indexFields(field);
            if (targets.size() == 1) {
                leaf(node, targets.get(0), mapping, out);
            } else {
                out.append("{\"bool\":{\"should\":[");
                for (int i = 0; i < targets.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    leaf(node, targets.get(i), mapping, out);
                }
                out.append("],\"minimum_should_match\":1}}");
            }
        }
    }

    private static void bool(StringBuilder out, String occur, List<QueryNode> children, FieldMapping mapping,
                             boolean atLeastOne) {
        out.append("{\"bool\":{\"").append(occur).append("\":[");
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(children.get(i), mapping, out);
        }
        out.append(']');
        if (atLeastOne) {
            out.append(",\"minimum_should_match\":1");
        }
        out.append("}}");
    }

    /** One leaf on one index field. */
    private static void leaf(QueryNode node, String field, FieldMapping mapping, StringBuilder out) {
        if (mapping.isKeyword(field)) {
            keyword(node, field, out);
        } else if (node instanceof QueryNode.Term term) {
            out.append("{\"match\":{").append(string(field)).append(":{\"query\":").append(string(term.word()))
                    .append("}}}");
        } else if (node instanceof QueryNode.Prefix prefix) {
            out.append("{\"prefix\":{").append(string(field)).append(":{\"value\":")
                    .append(string(prefix.prefix())).append("}}}");
        } else if (node instanceof QueryNode.Phrase phrase) {
            out.append("{\"match_phrase\":{").append(string(field)).append(":{\"query\":")
                    .append(string(String.join(" ", phrase.words()))).append("}}}");
        } else {
            span(node, field, out);
        }
    }

    /**
     * A keyword holds one whole value (a language code, a source name, a handle): a word or phrase must equal it,
     * a prefix must start it, case aside. Proximity means nothing there, so it compares the words as a phrase.
     */
    private static void keyword(QueryNode node, String field, StringBuilder out) {
        String kind = "term";
        String value;
        if (node instanceof QueryNode.Term term) {
            value = term.word();
        } else if (node instanceof QueryNode.Prefix prefix) {
            kind = "prefix";
            value = prefix.prefix();
        } else if (node instanceof QueryNode.Phrase phrase) {
            value = String.join(" ", phrase.words());
        } else if (node instanceof QueryNode.Proximity proximity) {
            value = String.join(" ", proximity.words());
        } else {
            // Near over a keyword: the whole value would have to contain both sides, which a term cannot say.
            out.append("{\"match_none\":{}}");
            return;
        }
        out.append("{\"").append(kind).append("\":{").append(string(field)).append(":{\"value\":")
                .append(string(value)).append(",\"case_insensitive\":true}}}");
    }

    private static void span(QueryNode node, String field, StringBuilder out) {
        if (node instanceof QueryNode.Term term) {
            out.append("{\"span_term\":{").append(string(field)).append(':').append(string(term.word())).append("}}");
        } else if (node instanceof QueryNode.Prefix prefix) {
            out.append("{\"span_multi\":{\"match\":{\"prefix\":{").append(string(field)).append(":{\"value\":")
                    .append(string(prefix.prefix())).append("}}}}}");
        } else if (node instanceof QueryNode.Phrase phrase) {
            spanNear(field, terms(phrase.field(), phrase.words()), 0, true, out);
        } else if (node instanceof QueryNode.Proximity proximity) {
            spanNear(field, terms(proximity.field(), proximity.words()), proximity.slop(), false, out);
        } else {
            QueryNode.Near near = (QueryNode.Near) node;
            spanNear(field, List.of(near.left(), near.right()), near.distance(), false, out);
        }
    }

    private static void spanNear(String field, List<QueryNode> clauses, int slop, boolean inOrder, StringBuilder out) {
        out.append("{\"span_near\":{\"clauses\":[");
        for (int i = 0; i < clauses.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            span(clauses.get(i), field, out);
        }
        out.append("],\"slop\":").append(slop).append(",\"in_order\":").append(inOrder).append("}}");
    }

    private static List<QueryNode> terms(QueryField field, List<String> words) {
        List<QueryNode> terms = new ArrayList<>(words.size());
        for (String word : words) {
            terms.add(new QueryNode.Term(field, word));
        }
        return terms;
    }

    private static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
