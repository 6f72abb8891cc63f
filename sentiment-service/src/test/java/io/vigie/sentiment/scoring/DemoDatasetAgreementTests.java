package io.vigie.sentiment.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.MentionSource;
import io.vigie.sentiment.language.StopwordLanguageDetector;
import io.vigie.sentiment.support.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The baseline against the demo dataset's intended tone (which the pipeline never reads): the demo's story only works
 * if ordinary days look ordinary and the crisis looks negative.
 */
class DemoDatasetAgreementTests {

    private record Row(long offsetSeconds, String lang, String tone, MentionScored scored) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    @BeforeAll
    static void scoreTheDemoDataset() throws IOException {
        ObjectMapper json = new ObjectMapper();
        MentionScorer scorer = new MentionScorer(new StopwordLanguageDetector(), LexiconSentimentModel.withBundledLexicons(),
                20_000, Clock.systemUTC(), mention -> { });
        for (String line : Files.readAllLines(SharedData.demoDataset())) {
            JsonNode row = json.readTree(line);
            MentionIngested mention = new MentionIngested(1, row.get("nativeId").asText(), List.of("nuvelia"),
                    new MentionSource("demo", row.get("sourceName").asText()), row.get("url").asText(), null,
                    row.get("title").isNull() ? null : row.get("title").asText(), row.get("text").asText(), null,
                    Instant.EPOCH, Instant.EPOCH, null, null);
            ROWS.add(new Row(row.get("offsetSeconds").asLong(), row.get("lang").asText(), row.get("tone").asText(),
                    scorer.score(mention)));
        }
    }

    @Test
    void detectsTheLanguageOfNearlyEveryDemoMention() {
        double accuracy = share(ROWS, row -> row.scored().language().equals(row.lang()));
        System.out.printf("demo dataset: language detected right for %.3f of %d mentions%n", accuracy, ROWS.size());
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void agreesWithTheIntendedToneOnMostMentions() {
        double agreement = share(ROWS, row -> row.scored().sentiment().label().wireName().equals(row.tone()));
        List<Row> negatives = ROWS.stream().filter(row -> row.tone().equals("negative")).toList();
        double negativeRecall = share(negatives, row -> row.scored().sentiment().label().wireName().equals("negative"));
        System.out.printf("demo dataset: baseline agrees with the intended tone on %.3f of %d mentions "
                + "(negative recall %.3f)%n", agreement, ROWS.size(), negativeRecall);
        assertThat(agreement).isGreaterThanOrEqualTo(0.75);
        assertThat(negativeRecall).isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void scoresTheCrisisMostlyNegative() {
        List<Row> crisis = ROWS.stream().filter(row -> row.offsetSeconds() >= 0).toList();
        double negative = share(crisis, row -> row.scored().sentiment().label().wireName().equals("negative"));
        double ordinaryNegative = share(ROWS.stream().filter(row -> row.offsetSeconds() < 0).toList(),
                row -> row.scored().sentiment().label().wireName().equals("negative"));
        System.out.printf("demo dataset: crisis scored negative %.3f of %d mentions; ordinary days %.3f%n",
                negative, crisis.size(), ordinaryNegative);
        assertThat(crisis).hasSizeGreaterThan(50);
        assertThat(negative).isGreaterThanOrEqualTo(0.7);
        assertThat(ordinaryNegative).isLessThan(0.35);
    }

    private static double share(List<Row> rows, java.util.function.Predicate<Row> predicate) {
        return (double) rows.stream().filter(predicate).count() / rows.size();
    }
}
