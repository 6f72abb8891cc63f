package io.vigie.bench;

import io.vigie.query.PreparedDocument;
import io.vigie.query.Query;
import io.vigie.query.QueryDocument;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Watch matching throughput (issue 3's target: a 20-clause query at 200,000 mentions/s per core), on the demo
 * dataset's mentions in turn. One operation is one mention matched against one watch query.
 *
 * <ul>
 *   <li>{@code matchMention}: what ingest pays for a fetched mention and one watch: tokenising and folding the
 *   title, text, author and source, then evaluating the query.</li>
 *   <li>{@code matchPrepared}: the query alone on documents tokenised beforehand: the cost of each further watch,
 *   since a mention is prepared once and matched against every active watch.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class QueryBenchmark {

    /**
     * A crisis-monitoring watch for the demo brand, 20 clauses: the brand (word, prefix, phrase), the complaints
     * (proximity, prefixes, accented phrases and words, a NEAR, title scopes, English terms) and the noise to drop
     * (NOT over an author scope, a source scope and a phrase).
     */
    static final String WATCH_QUERY = """
            (nuvelia OR nuvel* OR "nuvelia énergie")
            AND ("service client"~3 OR factur* OR "double prélèvement" OR panne OR coupure OR compteur NEAR/3 linky
                 OR arnaque OR déçu OR remboursement OR title:(résiliation OR plainte) OR "customer service" OR outage)
            NOT (concours OR author:nuvelia_jeux OR source:"offres partenaires" OR "code promo")""";

    /** JSONL mentions as in the demo dataset; relative paths are tried from the working directory and its parent. */
    @Param(RepositoryFiles.DEMO_DATASET)
    public String corpus;

    private Query query;
    private QueryDocument[] documents;
    private PreparedDocument[] prepared;
    private int next;

    @Setup
    public void setUp() throws IOException {
        query = Query.parse(WATCH_QUERY);
        documents = load(RepositoryFiles.resolve(corpus)).toArray(QueryDocument[]::new);
        prepared = new PreparedDocument[documents.length];
        for (int i = 0; i < documents.length; i++) {
            prepared[i] = documents[i].prepare();
            // Tokenises every field the query reads, once: what is left to measure is the matching.
            query.matches(prepared[i]);
        }
    }

    @Benchmark
    public boolean matchMention() {
        QueryDocument document = documents[next];
        next = (next + 1) % documents.length;
        return query.matches(document);
    }

    @Benchmark
    public boolean matchPrepared() {
        PreparedDocument document = prepared[next];
        next = (next + 1) % prepared.length;
        return query.matches(document);
    }

    /** The demo dataset's lines as the documents a watch sees (the same fields ingest gives the matcher). */
    static List<QueryDocument> load(Path path) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<QueryDocument> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            JsonNode author = row.path("author");
            loaded.add(QueryDocument.of(text(row.get("title")), text(row.get("text")), text(author.get("name")),
                    text(author.get("handle")), text(row.get("lang")), text(row.get("sourceName"))));
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("corpus " + path + " has no mentions");
        }
        return loaded;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }
}
