package io.vigie.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rough figure, not a benchmark and not run by default (CI does not time things):
 * {@code ./mvnw -o -pl query test -Dtest=MatcherThroughputTests -Dvigie.query.throughput=true}.
 * It reports documents per second of this thread's CPU time, so that a loaded machine does not skew it.
 */
@EnabledIfSystemProperty(named = "vigie.query.throughput", matches = "true")
class MatcherThroughputTests {

    private static final Logger log = LoggerFactory.getLogger(MatcherThroughputTests.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void measuresDocumentsPerCpuSecond() {
        Query tenTerms = Query.parse("nuvelia (panne OR coupure OR \"service client\" OR factur* OR arnaque) "
                + "NOT (boycott OR lang:en) \"double facturation\"~3 remboursement NEAR/5 attends");
        Query twentyClauses = Query.parse("(nuvelia OR nuvélia) (panne OR coupure OR \"service client\" OR factur* "
                + "OR arnaque OR escroquerie OR boycott OR fuite OR \"données personnelles\" OR déçu OR scandale "
                + "OR inadmissible OR honte OR remboursement OR attente OR résiliation) NOT lang:en NOT concours*");
        String sentence = "Le service client de Nuvélia ne répond plus depuis trois jours, j'attends toujours mon "
                + "remboursement après une double facturation. ";
        String text = sentence.repeat(1024 / sentence.length() + 1).substring(0, 1024);
        QueryDocument document = QueryDocument.of("Encore une panne", text, "Jean", "@jean", "fr", "Forum Conso");
        PreparedDocument prepared = document.prepare();

        for (Query query : new Query[] {tenTerms, twentyClauses}) {
            long withTokenising = perCpuSecond(query::matches, document);
            long preparedOnly = perCpuSecond(query::matches, prepared);
            log.info("{} documents/s tokenising included, {} documents/s on a prepared document (1 KB text): {}",
                    withTokenising, preparedOnly, query);
        }
    }

    private static <T> long perCpuSecond(Predicate<T> match, T document) {
        for (int warmUp = 0; warmUp < 50_000; warmUp++) {
            assertThat(match.test(document)).isTrue();
        }
        long documents = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        long end;
        do {
            for (int i = 0; i < 1_000; i++) {
                match.test(document);
            }
            documents += 1_000;
            end = THREADS.getCurrentThreadCpuTime();
        } while (end - start < 1_000_000_000L);
        return Math.round(documents / ((end - start) / 1e9));
    }
}
