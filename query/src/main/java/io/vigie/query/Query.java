package io.vigie.query;

import java.util.stream.Collectors;

/**
 * A parsed watch query: immutable, thread-safe, cheap to match. Two queries are equal when their normal forms are.
 *
 * <pre>{@code
 * Query query = Query.parse("nuvelia AND (panne OR \"service client\"~3) NOT lang:en");
 * boolean hit = query.matches(QueryDocument.ofText("Panne chez Nuvelia ce matin"));
 * }</pre>
 */
public final class Query {

    private final QueryNode root;
    private final String normalForm;

    private Query(QueryNode root) {
        this.root = root;
        this.normalForm = print(root, true);
    }

    /**
     * Parses a query.
     *
     * @throws QueryParseException with the 1-based column and what was expected there, if the text is not a query
     */
    public static Query parse(String text) {
        return new Query(QueryParser.parse(text));
    }

    public boolean matches(QueryDocument document) {
        return matches(document.prepare());
    }

    /** Matches a document already split into words: use it to match one mention against many watches. */
    public boolean matches(PreparedDocument document) {
        return QueryMatcher.matches(root, document);
    }

    /** The parse tree, for translations (see {@code io.vigie.query.opensearch.OpenSearchQueries}). */
    public QueryNode root() {
        return root;
    }

    /**
     * The normal form: folded words, explicit AND/OR, parentheses only where precedence needs them, field scopes on
     * each word. Parsing it gives the same query.
     */
    @Override
    public String toString() {
        return normalForm;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Query query && query.normalForm.equals(normalForm);
    }

    @Override
    public int hashCode() {
        return normalForm.hashCode();
    }

    private static String print(QueryNode node, boolean top) {
        if (node instanceof QueryNode.And and) {
            String joined = and.children().stream().map(c -> print(c, false)).collect(Collectors.joining(" AND "));
            return top ? joined : "(" + joined + ")";
        }
        if (node instanceof QueryNode.Or or) {
            String joined = or.children().stream().map(c -> print(c, false)).collect(Collectors.joining(" OR "));
            return top ? joined : "(" + joined + ")";
        }
        if (node instanceof QueryNode.Not not) {
            return "NOT " + print(not.child(), false);
        }
        if (node instanceof QueryNode.Near near) {
            String right = print(near.right(), false);
            return print(near.left(), false) + " NEAR/" + near.distance() + " "
                    + (near.right() instanceof QueryNode.Near ? "(" + right + ")" : right);
        }
        if (node instanceof QueryNode.Term term) {
            return scope(term.field()) + term.word();
        }
        if (node instanceof QueryNode.Prefix prefix) {
            return scope(prefix.field()) + prefix.prefix() + "*";
        }
        if (node instanceof QueryNode.Phrase phrase) {
            return scope(phrase.field()) + "\"" + String.join(" ", phrase.words()) + "\"";
        }
        QueryNode.Proximity proximity = (QueryNode.Proximity) node;
        return scope(proximity.field()) + "\"" + String.join(" ", proximity.words()) + "\"~" + proximity.slop();
    }

    private static String scope(QueryField field) {
        return field == QueryField.DEFAULT ? "" : field.prefix() + ":";
    }
}
