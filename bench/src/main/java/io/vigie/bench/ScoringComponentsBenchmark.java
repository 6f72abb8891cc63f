package io.vigie.bench;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.Sentiment;
import io.vigie.sentiment.language.DetectedLanguage;
import io.vigie.sentiment.language.StopwordLanguageDetector;
import io.vigie.sentiment.model.TrainCommand;
import io.vigie.sentiment.model.TrainedSentimentModel;
import io.vigie.sentiment.scoring.LexiconSentimentModel;
import io.vigie.sentiment.text.Token;
import io.vigie.sentiment.text.Tokenizer;
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

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one mention's scoring is made of, each part alone on the demo mentions (one operation = one mention), so that a
 * drop in {@link ScoringBenchmark} can be pinned on a part: tokenising, language detection (which tokenises too), the
 * rule layer (tokenises, then lexicon, negation, boosters), and the service's default trained model (rule layer +
 * feature extraction + the logistic regression). {@code trainedScore - lexiconScore} is what features and regression cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ScoringComponentsBenchmark {

    @Param(RepositoryFiles.DEMO_DATASET)
    public String corpus;

    private final StopwordLanguageDetector detector = new StopwordLanguageDetector();
    private LexiconSentimentModel lexicon;
    private TrainedSentimentModel trained;
    private String[] texts;
    private String[] languages;
    private int next;

    @Setup
    public void setUp() throws IOException {
        lexicon = LexiconSentimentModel.withBundledLexicons();
        trained = TrainedSentimentModel.fromClasspath(TrainCommand.DEFAULT_VERSION);
        List<MentionIngested> mentions = ScoringBenchmark.load(RepositoryFiles.resolve(corpus));
        texts = mentions.stream().map(MentionIngested::text).toArray(String[]::new);
        languages = mentions.stream().map(MentionIngested::language).map(DetectedLanguage::normalise).toArray(String[]::new);
    }

    private int advance() {
        int current = next;
        next = (next + 1) % texts.length;
        return current;
    }

    @Benchmark
    public List<Token> tokenize() {
        return Tokenizer.tokenize(texts[advance()]);
    }

    @Benchmark
    public DetectedLanguage detectLanguage() {
        int i = advance();
        return detector.detect(texts[i], languages[i]);
    }

    @Benchmark
    public Sentiment lexiconScore() {
        int i = advance();
        return lexicon.score(texts[i], languages[i]);
    }

    @Benchmark
    public Sentiment trainedScore() {
        int i = advance();
        return trained.score(texts[i], languages[i]);
    }
}
