package io.vigie.sentiment.cli;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreCommandTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ScoreCommand command = new ScoreCommand(ScoreCommand.serviceScorer());

    @Test
    void scoresEachLineWithItsIdLanguageLabelScoreAndConfidence() throws Exception {
        List<JsonNode> out = run("""
                {"id":"a","text":"Service client nul, je suis furieux, double facturation !","lang":"fr"}
                {"id":"b","text":"Great support, they fixed my bill in minutes. Thank you!"}
                {"id":3,"text":"Hallo, wie geht es dir heute? Das ist ein Test."}
                """.getBytes(StandardCharsets.UTF_8), 0);

        assertThat(out).hasSize(3);
        JsonNode french = out.get(0);
        assertThat(french.get("id").stringValue()).isEqualTo("a");
        assertThat(french.get("lang").stringValue()).isEqualTo("fr");
        assertThat(french.get("label").stringValue()).isEqualTo("negative");
        assertThat(french.get("score").doubleValue()).isBetween(-1.0, 0.0);
        assertThat(french.get("confidence").doubleValue()).isBetween(0.0, 1.0);
        assertThat(out.get(1).get("lang").stringValue()).isEqualTo("en");
        assertThat(out.get(1).get("label").stringValue()).isEqualTo("positive");
        // A number id comes back as given; a language Vigie does not score is said so, with no fake score.
        assertThat(out.get(2).get("id").isNumber()).isTrue();
        assertThat(out.get(2).get("lang").stringValue()).isEqualTo("other");
        assertThat(out.get(2).get("label").stringValue()).isEqualTo("unsupported");
        assertThat(out.get(2).get("score").isNull()).isTrue();
        assertThat(out.get(1).propertyNames()).containsExactly("id", "lang", "label", "score", "confidence");
    }

    @Test
    void aBadLineGetsAnErrorLineAtItsPositionAndScoringGoesOn() throws Exception {
        byte[] invalidUtf8 = {'{', '"', 'i', 'd', '"', ':', '"', 'x', '"', ',', '"', 't', 'e', 'x', 't', '"', ':', '"',
                'c', 'a', 'f', (byte) 0xE9, '"', '}', '\n'};
        byte[] input = concat("""
                {"id":"ok-1","text":"I love it"}
                this is not json
                {"id":"no-text"}
                {"id":"number-text","text":42}
                
                [1,2,3]
                {"id":"trailing","text":"fine"} garbage
                {"id":{"nested":true},"text":"hello"}
                """.getBytes(StandardCharsets.UTF_8), invalidUtf8,
                "{\"id\":\"ok-2\",\"text\":\"The outage is terrible and the support was awful\",\"lang\":\"en\"}".getBytes(StandardCharsets.UTF_8));

        List<JsonNode> out = run(input, 8);

        assertThat(out).hasSize(10);
        assertThat(out.get(0).get("id").stringValue()).isEqualTo("ok-1");
        assertError(out.get(1), 2, "not JSON");
        assertError(out.get(2), 3, "no \"text\"");
        assertError(out.get(3), 4, "\"text\" must be a string, was number");
        assertError(out.get(4), 5, "empty line");
        assertError(out.get(5), 6, "expected a JSON object, got array");
        assertError(out.get(6), 7, "not JSON");
        assertError(out.get(7), 8, "\"id\" must be a string or a number");
        assertError(out.get(8), 9, "not valid UTF-8");
        // The last line has no newline: it is still a line, and scored.
        assertThat(out.get(9).get("id").stringValue()).isEqualTo("ok-2");
        assertThat(out.get(9).get("label").stringValue()).isEqualTo("negative");
    }

    @Test
    void acceptsWindowsLineEndsAByteOrderMarkAndNonAsciiText() throws Exception {
        byte[] input = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "{\"id\":\"crlf\",\"text\":\"J'adore, c'est génial 😍\"}\r\n{\"id\":\"2\",\"text\":\"ok\"}\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        List<JsonNode> out = run(input, 0);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).get("id").stringValue()).isEqualTo("crlf");
        assertThat(out.get(0).get("label").stringValue()).isEqualTo("positive");
    }

    @Test
    void refusesAnOverlongLineWithoutLosingTheNextOne() throws Exception {
        byte[] huge = new byte[ScoreCommand.MAX_LINE_BYTES + 10];
        Arrays.fill(huge, (byte) 'a');
        byte[] input = concat(huge, "\n{\"id\":\"after\",\"text\":\"good\"}\n".getBytes(StandardCharsets.UTF_8));
        List<JsonNode> out = run(input, 1);
        assertError(out.get(0), 1, "longer than");
        assertThat(out.get(1).get("id").stringValue()).isEqualTo("after");
    }

    @Test
    void answersEachLineBeforeTheNextOneArrivesSoItWorksInAPipe() throws Exception {
        // Piped streams require their reading and writing threads to stay alive: one long-lived thread for each side.
        ExecutorService scorer = Executors.newSingleThreadExecutor();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            PipedOutputStream feed = new PipedOutputStream();
            PipedInputStream stdin = new PipedInputStream(feed);
            PipedOutputStream stdout = new PipedOutputStream();
            BufferedReader answers = new BufferedReader(new InputStreamReader(new PipedInputStream(stdout), StandardCharsets.UTF_8));
            Future<ScoreCommand.Summary> running = scorer.submit(() -> {
                try (stdout) {
                    return command.run(stdin, stdout);
                }
            });

            feed.write("{\"id\":\"first\",\"text\":\"awful\"}\n".getBytes(StandardCharsets.UTF_8));
            feed.flush();
            // The input is still open: the answer must come anyway.
            assertThat(JSON.readTree(reader.submit(answers::readLine).get(10, TimeUnit.SECONDS)).get("id").stringValue())
                    .isEqualTo("first");
            feed.write("{\"id\":\"second\",\"text\":\"lovely\"}\n".getBytes(StandardCharsets.UTF_8));
            feed.close();
            assertThat(JSON.readTree(reader.submit(answers::readLine).get(10, TimeUnit.SECONDS)).get("id").stringValue())
                    .isEqualTo("second");
            assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(new ScoreCommand.Summary(2, 0));
        } finally {
            scorer.shutdownNow();
            reader.shutdownNow();
        }
    }

    private List<JsonNode> run(byte[] input, long expectedRefused) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScoreCommand.Summary summary = command.run(new ByteArrayInputStream(input), out);
        assertThat(summary.refused()).isEqualTo(expectedRefused);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return text.lines().map(JSON::readTree).toList();
    }

    private static void assertError(JsonNode line, int number, String message) {
        assertThat(line.get("line").intValue()).isEqualTo(number);
        assertThat(line.get("error").stringValue()).contains(message);
        assertThat(line.propertyNames()).containsExactly("line", "error");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
