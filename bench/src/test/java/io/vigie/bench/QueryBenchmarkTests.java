package io.vigie.bench;

import io.vigie.query.Query;
import io.vigie.query.QueryDocument;
import io.vigie.query.QueryNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueryBenchmarkTests {

    private final Query query = Query.parse(QueryBenchmark.WATCH_QUERY);

    @Test
    void theWatchQueryHasTwentyClauses() {
        assertThat(clauses(query.root())).isEqualTo(20);
    }

    @Test
    void theWatchQueryKeepsSomeDemoMentionsAndDropsOthers() throws Exception {
        List<QueryDocument> demo = QueryBenchmark.load(RepositoryFiles.resolve(RepositoryFiles.DEMO_DATASET));

        long matched = demo.stream().filter(query::matches).count();

        // Both outcomes occur, so the benchmark measures early and late exits of the OR, and the NOT group.
        assertThat(demo).hasSizeGreaterThan(1_000);
        assertThat(matched).isBetween(demo.size() / 20L, demo.size() - demo.size() / 20L);
    }

    @Test
    void accentsAndScopesAreMatchedAsInWatches() {
        assertThat(query.matches(QueryDocument.of(null, "Tres DECU par Nuvelia", null, null, "fr", "Forum"))).isTrue();
        assertThat(query.matches(QueryDocument.of("Résiliation", "nuvelia", null, null, "fr", "Forum"))).isTrue();
        assertThat(query.matches(QueryDocument.of(null, "Nuvelia déçu, code promo", null, null, "fr", "Forum"))).isFalse();
        assertThat(query.matches(QueryDocument.of(null, "Nuvelia panne", null, null, "fr", "Offres partenaires")))
                .isFalse();
    }

    /** Leaf clauses: a word, a prefix, a phrase, a proximity, or a NEAR (one clause over its two sides). */
    private static int clauses(QueryNode node) {
        if (node instanceof QueryNode.And and) {
            return and.children().stream().mapToInt(QueryBenchmarkTests::clauses).sum();
        }
        if (node instanceof QueryNode.Or or) {
            return or.children().stream().mapToInt(QueryBenchmarkTests::clauses).sum();
        }
        if (node instanceof QueryNode.Not not) {
            return clauses(not.child());
        }
        return 1;
    }
}
