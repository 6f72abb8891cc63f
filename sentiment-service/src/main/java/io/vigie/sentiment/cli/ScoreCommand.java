package io.vigie.sentiment.cli;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.Sentiment;
import io.vigie.sentiment.language.StopwordLanguageDetector;
import io.vigie.sentiment.model.SentimentModels;
import io.vigie.sentiment.model.TrainCommand;
import io.vigie.sentiment.scoring.MentionScorer;
import io.vigie.sentiment.scoring.SentimentModel;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * {@code score}: batch sentiment scoring of JSON lines, with exactly what the service runs (same {@link MentionScorer}),
 * without Spring so it starts in well under a second.
 *
 * <p>Reads {@code {"id", "text", "lang"?}} per line on stdin ({@code lang} is the language the source declared, a hint
 * for texts too short to tell) and writes {@code {"id", "lang", "label", "score", "confidence"}} per line on stdout,
 * flushed line by line so it can sit in a pipe. A line that cannot be scored gets {@code {"line": N, "error": "..."}}
 * at the same position, and scoring goes on: output line N always answers input line N.
 *
 * <p>Exit status 0 when every line was scored, 1 when some line was refused (the count is on stderr), 2 for a usage
 * error, a model that cannot be loaded or an unreadable stdin.
 */
public final class ScoreCommand {

    /** Longer lines are refused (texts are cut to far less before scoring anyway). */
    static final int MAX_LINE_BYTES = 1 << 20;
    /** The service's default vigie.sentiment.max-text-chars: the CLI scores what the service would. */
    private static final int MAX_TEXT_CHARS = 20_000;
    private static final String MODEL_PROPERTY = "vigie.sentiment.model";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String USAGE = """
            usage: score < mentions.jsonl > scores.jsonl     (-Dvigie.sentiment.model=lexicon-0.1 for the rules alone)
              reads  {"id": "...", "text": "...", "lang": "fr"}   one JSON object per line (lang optional)
              writes {"id": "...", "lang": "fr|en|other", "label": "negative|neutral|positive|unsupported",
                      "score": -1..1, "confidence": 0..1}           one line per input line, in order
              a line that cannot be scored gets {"line": N, "error": "..."} at its position; exit status 1 if any
            """;

    private final MentionScorer scorer;
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public ScoreCommand(MentionScorer scorer) {
        this.scorer = scorer;
    }

    /** What a run did: how many lines were scored and how many refused. */
    public record Summary(long scored, long refused) {
    }

    public static void main(String[] args) {
        // Anything a library prints (a logger's default console appender, say) must not land in the JSON output.
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        System.setOut(System.err);
        if (args.length > 0) {
            boolean help = args[0].equals("-h") || args[0].equals("--help");
            System.err.print(help ? USAGE : "score takes no arguments (got '" + args[0] + "'): it reads stdin\n" + USAGE);
            System.exit(help ? 0 : 2);
        }
        MentionScorer scorer;
        try {
            scorer = serviceScorer();
        } catch (RuntimeException e) {
            System.err.println("score: cannot load the sentiment model: " + e.getMessage());
            System.exit(2);
            return;
        }
        Summary summary;
        try {
            summary = new ScoreCommand(scorer).run(new BufferedInputStream(System.in, 1 << 16), stdout);
        } catch (IOException e) {
            System.err.println("score: cannot read stdin or write stdout: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (summary.refused() > 0) {
            System.err.println("score: " + summary.scored() + " lines scored, " + summary.refused()
                    + " refused (see the \"error\" lines)");
            System.exit(1);
        }
    }

    /**
     * The language detector and model the service wires by default (see ScoringConfiguration), built without Spring;
     * {@code -Dvigie.sentiment.model=<version>} picks another shipped model, as the same property does for the service.
     */
    static MentionScorer serviceScorer() {
        String version = System.getProperty(MODEL_PROPERTY, TrainCommand.DEFAULT_VERSION);
        SentimentModel model = SentimentModels.load(version);
        return new MentionScorer(new StopwordLanguageDetector(), model, MAX_TEXT_CHARS, Clock.systemUTC(), mention -> { });
    }

    /** Scores every line of {@code in} to {@code out}, flushing after each line; never stops on a bad line. */
    public Summary run(InputStream in, OutputStream out) throws IOException {
        LineReader lines = new LineReader(in, MAX_LINE_BYTES);
        long number = 0;
        long scored = 0;
        long refused = 0;
        LineReader.Line line;
        while ((line = lines.next()) != null) {
            number++;
            String answer;
            try {
                answer = score(line, number);
                scored++;
            } catch (RefusedLine e) {
                answer = error(number, e.getMessage());
                refused++;
            } catch (RuntimeException e) {
                // A scorer bug on one odd text must not cost the rest of the batch.
                answer = error(number, "could not score this line: " + e);
                refused++;
            }
            out.write(answer.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.flush();
        }
        return new Summary(scored, refused);
    }

    private String score(LineReader.Line line, long number) {
        if (line.tooLong()) {
            throw new RefusedLine("line is longer than " + MAX_LINE_BYTES + " bytes; split or shorten the text");
        }
        JsonNode input = parse(decode(line.bytes(), number == 1));
        JsonNode text = input.get("text");
        if (text == null || text.isNull()) {
            throw new RefusedLine("no \"text\": each line needs {\"id\": ..., \"text\": \"...\"}");
        }
        if (!text.isString()) {
            throw new RefusedLine("\"text\" must be a string, was " + kind(text));
        }
        JsonNode id = input.get("id");
        if (id != null && !id.isNull() && !id.isString() && !id.isNumber()) {
            throw new RefusedLine("\"id\" must be a string or a number, was " + kind(id));
        }
        JsonNode lang = input.get("lang");
        if (lang != null && !lang.isNull() && !lang.isString()) {
            throw new RefusedLine("\"lang\" must be a language code such as \"fr\", was " + kind(lang));
        }
        String declared = lang == null || lang.isNull() ? null : lang.stringValue();
        MentionScored result = scorer.score(mention(number, text.stringValue(), declared));
        Sentiment sentiment = result.sentiment();
        ObjectNode output = json.createObjectNode();
        if (id == null) {
            output.putNull("id");
        } else {
            output.set("id", id);
        }
        output.put("lang", result.language());
        output.put("label", sentiment.label().wireName());
        output.put("score", sentiment.score());
        output.put("confidence", sentiment.confidence());
        return json.writeValueAsString(output);
    }

    /** The scorer works on mentions; only the text and the declared language matter to it. */
    private static MentionIngested mention(long number, String text, String declaredLanguage) {
        Instant now = Instant.EPOCH;
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, "line-" + number, List.of(), null, null, null, null,
                text, declaredLanguage, now, now, null, null);
    }

    private String decode(byte[] bytes, boolean first) {
        int start = first && startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return decoder.decode(buffer).toString();
        } catch (MalformedInputException e) {
            throw new RefusedLine("not valid UTF-8 (bad byte at offset " + buffer.position()
                    + "); convert the file to UTF-8, e.g. with iconv");
        } catch (CharacterCodingException e) {
            throw new RefusedLine("not valid UTF-8; convert the file to UTF-8, e.g. with iconv");
        }
    }

    private JsonNode parse(String line) {
        if (line.isBlank()) {
            throw new RefusedLine("empty line: expected a JSON object");
        }
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            throw new RefusedLine("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new RefusedLine("expected a JSON object, got " + kind(node));
        }
        return node;
    }

    private String error(long number, String message) {
        ObjectNode output = json.createObjectNode();
        output.put("line", number);
        output.put("error", message);
        return json.writeValueAsString(output);
    }

    private static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** A line that cannot be scored; its message goes to the error line. */
    private static final class RefusedLine extends RuntimeException {
        RefusedLine(String message) {
            super(message, null, false, false);
        }
    }
}
