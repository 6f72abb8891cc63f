package io.vigie.bench;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.MentionSource;
import io.vigie.sentiment.language.StopwordLanguageDetector;
import io.vigie.sentiment.model.TrainCommand;
import io.vigie.sentiment.model.SentimentModels;
import io.vigie.sentiment.scoring.LexiconSentimentModel;
import io.vigie.sentiment.scoring.MentionScorer;
import io.vigie.sentiment.scoring.SentimentModel;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scoring throughput of sentiment-service's scorer (language detection + sentiment model + text bound), on the demo
 * dataset's mentions. One operation is one mention, so ops/s is mentions/s. One scorer shared by the benchmark's
 * threads, as the service's consumer threads share one: {@code -t 2} measures two consumer threads on the two cores
 * (the encoder model runs each text on one core). {@code -p language=en} keeps the English mentions only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(java.util.concurrent.TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class ScoringBenchmark {

    /** JSONL mentions to score; relative paths are tried from the working directory and its parent. */
    @Param(RepositoryFiles.DEMO_DATASET)
    public String corpus;

    /**
     * The trained model the service runs by default, or {@code lexicon-0.1}, the rule layer alone; any shipped
     * version loads, e.g. {@code -p model=vigie-lr-enc-0.2}, the opt-in English encoder model.
     */
    @Param({TrainCommand.DEFAULT_VERSION, LexiconSentimentModel.VERSION})
    public String model;

    /** {@code all}, or the only language of the corpus kept (as the dataset labels it), e.g. {@code en}. */
    @Param("all")
    public String language;

    private MentionScorer scorer;
    private MentionIngested[] mentions;
    private MentionIngested longPost;

    /** Each benchmark thread walks the mentions on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup
    public void setUp() throws IOException {
        SentimentModel sentimentModel = SentimentModels.load(model);
        scorer = new MentionScorer(new StopwordLanguageDetector(), sentimentModel, 20_000, Clock.systemUTC(), mention -> { });
        mentions = load(RepositoryFiles.resolve(corpus)).stream()
                .filter(mention -> language.equals("all") || language.equals(mention.language()))
                .toArray(MentionIngested[]::new);
        if (mentions.length == 0) {
            throw new IllegalArgumentException("no mention in language '" + language + "' in " + corpus);
        }
        // 1 MB of text, cut to 20 000 characters by the scorer: the worst case a post can cost.
        longPost = mention("long", "Le service client ne répond jamais, c'est une honte et une arnaque. ".repeat(15_000), "fr");
    }

    @Benchmark
    public MentionScored scoreMention(Cursor cursor) {
        MentionIngested mention = mentions[cursor.next];
        cursor.next = (cursor.next + 1) % mentions.length;
        return scorer.score(mention);
    }

    @Benchmark
    public MentionScored scoreLongPost() {
        return scorer.score(longPost);
    }

    static List<MentionIngested> load(Path path) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        List<MentionIngested> loaded = new ArrayList<>();
        for (String line : Files.readAllLines(path)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(line);
            JsonNode title = row.get("title");
            loaded.add(new MentionIngested(1, row.get("nativeId").asString(), List.of("nuvelia"),
                    new MentionSource("demo", row.get("sourceName").asString()), row.get("url").asString(), null,
                    title == null || title.isNull() ? null : title.asString(), row.get("text").asString(),
                    row.get("lang").asString(), Instant.EPOCH, Instant.EPOCH, null, null));
        }
        if (loaded.isEmpty()) {
            throw new IllegalStateException("corpus " + path + " has no mentions");
        }
        return loaded;
    }

    private static MentionIngested mention(String id, String text, String language) {
        return new MentionIngested(1, id, List.of("bench"), new MentionSource("bench", "bench"), null, null, null, text,
                language, Instant.EPOCH, Instant.EPOCH, null, null);
    }
}
