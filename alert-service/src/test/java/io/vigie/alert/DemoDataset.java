package io.vigie.alert;

import io.vigie.contracts.Author;
import io.vigie.contracts.Engagement;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Rating;
import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The Nuvelia demo dataset (ingest-service's replay file) turned into the {@code MentionScored} events the
 * sentiment-service would publish, with the generator's intended tone as the sentiment.
 */
public final class DemoDataset {

    public static final Path FILE = Path.of("../ingest-service/src/main/resources/demo/nuvelia-demo.jsonl");
    public static final String WATCH = "nuvelia";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DemoDataset() {
    }

    /** One line of the file; {@code offsetSeconds} is relative to the replay start, negative for the ordinary days. */
    public record Line(long offsetSeconds, String nativeId, String sourceName, String url, Author author, String title,
                       String text, String lang, String tone, Engagement engagement, Rating rating) {

        public boolean crisis() {
            return offsetSeconds >= 0;
        }

        public boolean negative() {
            return "negative".equals(tone);
        }

        public String mentionId() {
            return MentionId.of("demo", nativeId);
        }

        public MentionScored scored(Instant replayStart) {
            Instant published = replayStart.plusSeconds(offsetSeconds);
            MentionIngested mention = new MentionIngested(MentionIngested.SCHEMA_VERSION, mentionId(), List.of(WATCH),
                    new MentionSource("demo", sourceName), url, author, title, text, lang, published, published,
                    engagement, rating);
            SentimentLabel label = SentimentLabel.valueOf(tone.toUpperCase(Locale.ROOT));
            double score = switch (label) {
                case NEGATIVE -> -0.6;
                case POSITIVE -> 0.6;
                default -> 0;
            };
            return new MentionScored(MentionScored.SCHEMA_VERSION, mention, lang, 0.99,
                    new Sentiment(label, score, 0.9, "demo-tone"), published);
        }
    }

    /** The lines in file order: the ordinary days, then the crisis. */
    public static List<Line> lines() {
        try (var lines = Files.lines(FILE)) {
            return lines.filter(line -> !line.isBlank()).map(line -> JSON.readValue(line, Line.class)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the demo dataset " + FILE.toAbsolutePath() + " is missing or unreadable", e);
        }
    }
}
