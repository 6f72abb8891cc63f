package io.vigie.alert.stream;

import io.vigie.alert.DemoDataset;
import io.vigie.contracts.MentionScored;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MentionScoredReaderTests {

    private final Serde<MentionScored> binding = JsonSerdes.of(MentionScored.class);
    private final Deserializer<MentionScored> serde = new MentionScoredSerde().deserializer();

    @Test
    void readsEveryDemoMentionExactlyAsTheDataBindingDoes() {
        Instant start = Instant.parse("2026-11-26T09:17:42.123456789Z");
        for (DemoDataset.Line line : DemoDataset.lines()) {
            byte[] written = binding.serializer().serialize("t", line.scored(start));
            MentionScored fast = MentionScoredReader.read(written);
            assertThat(fast).as(line.nativeId()).isNotNull().isEqualTo(binding.deserializer().deserialize("t", written));
        }
    }

    @Test
    void readsTheUsualShapeWithUnknownFieldsNullsAndEscapes() {
        String json = """
                {"schemaVersion":1,"later":{"x":[1,{"y":null}]},"mention":{"schemaVersion":1,"id":"rss:1",
                 "watchIds":["w1","w2"],"source":{"type":"rss","name":"Le Fil"},"url":null,"author":null,
                 "title":"Caf\\u00e9 \\"chaud\\"","text":"line\\nnext <script>x</script> 😀","language":"fr",
                 "publishedAt":"2026-03-29T01:30:00Z","fetchedAt":"2026-03-29T01:30:00.5Z","engagement":{"likes":3,
                 "shares":null,"views":9000000000},"rating":{"value":4,"max":5.0},"fingerprint":"00000000000000ab",
                 "extra":"skipped"},"language":"fr","languageConfidence":0.875,
                 "sentiment":{"label":"negative","score":-0.5,"confidence":null,"modelVersion":"m"},
                 "scoredAt":"2026-03-29T01:30:01.000000001Z"}""";
        byte[] data = json.getBytes(StandardCharsets.UTF_8);
        MentionScored fast = MentionScoredReader.read(data);
        assertThat(fast).isNotNull().isEqualTo(binding.deserializer().deserialize("t", data));
        assertThat(fast.mention().text()).isEqualTo("line\nnext <script>x</script> 😀");
    }

    @Test
    void anythingUnusualIsLeftToTheDataBindingWhichDecides() {
        List<String> unusual = List.of(
                "{\"schemaVersion\":1,\"mention\":{\"id\":\"a\",\"publishedAt\":1764150000.5}}",
                "{\"schemaVersion\":1,\"mention\":{\"id\":\"a\",\"publishedAt\":\"2026-11-26T10:00:00+01:00\"}}",
                "{\"schemaVersion\":1,\"mention\":{\"id\":\"a\",\"publishedAt\":\"2026-02-30T10:00:00Z\"}}",
                "{\"schemaVersion\":1,\"mention\":{\"id\":7,\"watchIds\":[\"w\"]}}",
                "{\"schemaVersion\":\"1\",\"mention\":null}",
                "{\"sentiment\":{\"label\":\"NEGATIVE\"}}",
                "{\"mention\":{\"watchIds\":[\"w\",null]}}",
                "{\"mention\":{\"id\":\"a\"}} trailing",
                "{\"mention\":{\"id\":\"a\"",
                "[]",
                "null",
                "");
        for (String json : unusual) {
            byte[] data = json.getBytes(StandardCharsets.UTF_8);
            assertThat(MentionScoredReader.read(data)).as(json).isNull();
            Object expected;
            try {
                expected = binding.deserializer().deserialize("t", data);
            } catch (RuntimeException e) {
                assertThatThrownBy(() -> serde.deserialize("t", data)).as(json).isInstanceOf(e.getClass());
                continue;
            }
            assertThat(serde.deserialize("t", data)).as(json).isEqualTo(expected);
        }
    }

    @Test
    void utcInstantsReadAsInstantParseReadsThem() {
        for (String text : List.of("2026-11-26T10:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z",
                "2024-02-29T23:59:59.123456789Z", "2026-03-29T01:30:00.1Z", "9999-12-31T23:59:59Z")) {
            assertThat(MentionScoredReader.utcInstant(text)).as(text).isEqualTo(Instant.parse(text));
            assertThat(MentionScoredReader.parseInstant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        assertThat(MentionScoredReader.parseInstant("+10000-01-01T00:00:00Z"))
                .isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
        assertThatThrownBy(() -> MentionScoredReader.parseInstant("2026-02-30T00:00:00Z"))
                .isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
