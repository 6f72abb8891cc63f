package io.vigie.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each event's example validates against its schema and round-trips through the record unchanged. */
class EventContractTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix("https://vigie.io/schemas/", "classpath:schemas/")));

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("mention-ingested.v1", MentionIngested.class),
                Arguments.of("mention-scored.v1", MentionScored.class),
                Arguments.of("alert-raised.v1", AlertRaised.class),
                Arguments.of("watch-changed.v1", WatchChanged.class),
                Arguments.of("source-polled.v1", SourcePolled.class));
    }

    @ParameterizedTest(name = "{0} example validates against its schema")
    @MethodSource("events")
    void exampleValidatesAgainstSchema(String event, Class<?> type) throws IOException {
        List<Error> errors = schema(event).validate(example(event));

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0} example round-trips to an equal record")
    @MethodSource("events")
    void exampleRoundTripsToAnEqualRecord(String event, Class<?> type) throws IOException {
        JsonNode example = example(event);

        Object record = JSON.treeToValue(example, type);
        JsonNode written = JSON.valueToTree(record);

        assertThat(JSON.treeToValue(written, type)).isEqualTo(record);
        assertThat(example.equals(NUMBERS_BY_VALUE, written)).as("%s written back as %s", example, written).isTrue();
    }

    /** 38 and 38.0 are the same JSON number; everything else compares as usual. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    @ParameterizedTest(name = "{0}: a record written by Vigie validates against its schema")
    @MethodSource("events")
    void writtenRecordValidates(String event, Class<?> type) throws IOException {
        Object record = JSON.treeToValue(example(event), type);

        assertThat(schema(event).validate(JSON.valueToTree(record))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: consumers ignore unknown fields")
    @MethodSource("events")
    void unknownFieldsAreIgnored(String event, Class<?> type) throws IOException {
        ObjectNode withExtra = (ObjectNode) example(event);
        withExtra.put("addedInALaterMinorRelease", "ignored");

        Object lenient = JSON.treeToValue(withExtra, type);

        assertThat(lenient).isEqualTo(JSON.treeToValue(example(event), type));
        assertThat(schema(event).validate(withExtra)).isEmpty();
    }

    @Test
    void schemaRejectsAMentionWithoutText() throws IOException {
        ObjectNode broken = (ObjectNode) example("mention-ingested.v1");
        broken.remove("text");

        assertThat(schema("mention-ingested.v1").validate(broken))
                .extracting(Error::getMessage)
                .anySatisfy(message -> assertThat(message).contains("text"));
    }

    @Test
    void schemaRejectsAnUnknownSentimentLabel() throws IOException {
        ObjectNode scored = (ObjectNode) example("mention-scored.v1");
        ((ObjectNode) scored.get("sentiment")).put("label", "angry");

        assertThat(schema("mention-scored.v1").validate(scored)).isNotEmpty();
    }

    @Test
    void schemaVersionsMatchTheRecords() throws IOException {
        assertThat(example("mention-ingested.v1").get("schemaVersion").asInt()).isEqualTo(MentionIngested.SCHEMA_VERSION);
        assertThat(example("mention-scored.v1").get("schemaVersion").asInt()).isEqualTo(MentionScored.SCHEMA_VERSION);
        assertThat(example("alert-raised.v1").get("schemaVersion").asInt()).isEqualTo(AlertRaised.SCHEMA_VERSION);
        assertThat(example("watch-changed.v1").get("schemaVersion").asInt()).isEqualTo(WatchChanged.SCHEMA_VERSION);
        assertThat(example("source-polled.v1").get("schemaVersion").asInt()).isEqualTo(SourcePolled.SCHEMA_VERSION);
    }

    private static Schema schema(String event) {
        return SCHEMAS.getSchema(SchemaLocation.of("https://vigie.io/schemas/" + event + ".schema.json"));
    }

    private static JsonNode example(String event) throws IOException {
        try (InputStream in = EventContractTests.class.getResourceAsStream("/examples/" + event + ".json")) {
            assertThat(in).as("example for %s", event).isNotNull();
            return JSON.readTree(in);
        }
    }
}
