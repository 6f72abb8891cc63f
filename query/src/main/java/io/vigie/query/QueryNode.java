package io.vigie.query;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed form of a query. Words are stored folded (see {@link TextFolding}); every leaf knows its field.
 * Read-only: build queries with {@link Query#parse(String)}.
 */
public sealed interface QueryNode {

    /** A node that matches words in one field: a term, prefix, phrase, proximity or NEAR (what NEAR accepts). */
    sealed interface Leaf extends QueryNode {
        QueryField field();
    }

    /** All children must match. Never nested directly in another {@code And}. */
    record And(List<QueryNode> children) implements QueryNode {
        public And {
            children = flatten(children, And.class);
        }
    }

    /** At least one child must match. Never nested directly in another {@code Or}. */
    record Or(List<QueryNode> children) implements QueryNode {
        public Or {
            children = flatten(children, Or.class);
        }
    }

    /** The child must not match. */
    record Not(QueryNode child) implements QueryNode {
    }

    /** One folded word. For {@link QueryField#LANG} the whole language code. */
    record Term(QueryField field, String word) implements Leaf {
    }

    /** A word starting with {@code prefix} ({@code vigi*}). */
    record Prefix(QueryField field, String prefix) implements Leaf {
    }

    /** The words consecutive and in this order ({@code "service client"}), across punctuation. */
    record Phrase(QueryField field, List<String> words) implements Leaf {
        public Phrase {
            words = List.copyOf(words);
        }
    }

    /**
     * All the words, in any order, within a window where at most {@code slop} other words sit between them
     * ({@code "service client"~5}).
     */
    record Proximity(QueryField field, List<String> words, int slop) implements Leaf {
        public Proximity {
            words = List.copyOf(words);
        }
    }

    /**
     * Both sides, in either order, with at most {@code distance} words between them ({@code service NEAR/5 client}).
     * Each side is a term, a prefix, a phrase, a proximity or another {@code Near}, in the same field.
     */
    record Near(QueryField field, QueryNode left, QueryNode right, int distance) implements Leaf {
    }

    private static List<QueryNode> flatten(List<QueryNode> children, Class<? extends QueryNode> type) {
        List<QueryNode> flat = new ArrayList<>(children.size());
        for (QueryNode child : children) {
            if (type.isInstance(child)) {
                flat.addAll(child instanceof And and ? and.children() : ((Or) child).children());
            } else {
                flat.add(child);
            }
        }
        return List.copyOf(flat);
    }
}
