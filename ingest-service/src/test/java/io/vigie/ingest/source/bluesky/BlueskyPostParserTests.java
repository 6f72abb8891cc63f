package io.vigie.ingest.source.bluesky;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.source.EntryIssue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mapping of a recorded real searchPosts answer (see fixtures/bluesky/README.md). */
class BlueskyPostParserTests {

    private static final Instant FETCHED_AT = Instant.parse("2025-05-19T17:41:36Z");
    private static final Schema MENTION_INGESTED_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/mention-ingested.v1.schema.json"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlueskyPostParser parser = new BlueskyPostParser(100_000);

    @Test
    void recordedSearchMapsHandleDisplayNameCountsLanguageAndWebUrl() throws IOException {
        BlueskyPostParser.Page page = parser.parse(fixture("searchPosts_redistricting.body.json"), FETCHED_AT);

        assertThat(page.mentions()).hasSize(25);
        assertThat(page.issues()).isEmpty();
        assertThat(page.cursor()).isEqualTo("25");
        MentionIngested second = page.mentions().get(1);
        assertThat(second.id()).isEqualTo(MentionId.of("bluesky",
                "at://did:plc:s7savtl25cqhm3ddqc7jeljx/app.bsky.feed.post/3lpk2r5h5ec2j"));
        assertThat(second.url()).isEqualTo("https://bsky.app/profile/cjtackett.bsky.social/post/3lpk2r5h5ec2j");
        assertThat(second.author().handle()).isEqualTo("cjtackett.bsky.social");
        assertThat(second.author().name()).isEqualTo("Chris Tackett");
        assertThat(second.engagement().likes()).isEqualTo(4);
        assertThat(second.engagement().shares()).isEqualTo(3);
        assertThat(second.engagement().comments()).isZero();
        assertThat(second.language()).isEqualTo("en");
        assertThat(second.text()).startsWith("I dove into the RIDICULOUS op-ed").contains("\n\nPlease give it a read");
        assertThat(second.publishedAt()).isEqualTo(Instant.parse("2025-05-19T17:08:27.677Z"));
        assertThat(second.source().type()).isEqualTo("bluesky");
        assertThat(page.mentions().get(0).language()).as("no langs declared").isNull();
        assertThat(page.mentions()).filteredOn(m -> m.author().handle().equals("bodyballistics.bsky.social"))
                .allSatisfy(m -> assertThat(m.author().name()).as("blank display name").isNull());
        assertThat(page.newest()).isEqualTo(Instant.parse("2025-05-19T17:10:09.561858Z"));
    }

    @Test
    void aCreatedAtWithAnOffsetIsRead() throws IOException {
        BlueskyPostParser.Page page = parser.parse(fixture("searchPosts_redistricting.body.json"), FETCHED_AT);

        assertThat(page.mentions()).filteredOn(m -> m.author().handle().equals("humanbeinghuman.bsky.social"))
                .singleElement().extracting(MentionIngested::publishedAt)
                .isEqualTo(Instant.parse("2025-05-19T02:03:20.286393Z"));
    }

    @Test
    void everyMappedMentionMatchesTheContract() throws IOException {
        for (MentionIngested mention : parser.parse(fixture("searchPosts_redistricting.body.json"), FETCHED_AT).mentions()) {
            assertThat(MENTION_INGESTED_SCHEMA.validate(JSON.valueToTree(mention))).as(mention.url()).isEmpty();
        }
    }

    @Test
    void postsWithoutUriOrHandleAreSkippedAndCounted() {
        String body = """
                {"posts":[
                  {"cid":"x","author":{"handle":"a.bsky.social"},"record":{"text":"no uri"}},
                  {"uri":"at://did:plc:x/app.bsky.feed.post/abc","author":{},"record":{"text":"no handle"}},
                  {"uri":"at://did:plc:y/app.bsky.feed.post/def","author":{"handle":"b.bsky.social"},
                   "record":{"text":"fine","createdAt":"2025-05-19T10:00:00Z"},"indexedAt":"2025-05-19T10:00:01Z"}
                ]}""";

        BlueskyPostParser.Page page = parser.parse(body, FETCHED_AT);

        assertThat(page.mentions()).extracting(MentionIngested::text).containsExactly("fine");
        assertThat(page.issues()).containsEntry(EntryIssue.NO_ID, 1).containsEntry(EntryIssue.NO_LINK, 1);
        assertThat(page.cursor()).as("last page").isNull();
    }

    @Test
    void aCreatedAtInTheFutureIsBoundedByTheIndexingTime() {
        String body = """
                {"posts":[{"uri":"at://did:plc:y/app.bsky.feed.post/def","author":{"handle":"b.bsky.social"},
                  "record":{"text":"from the future","createdAt":"2099-01-01T00:00:00Z"},"indexedAt":"2025-05-19T10:00:01Z"}]}""";

        assertThat(parser.parse(body, FETCHED_AT).mentions().get(0).publishedAt())
                .isEqualTo(Instant.parse("2025-05-19T10:00:01Z"));
    }

    @Test
    void anAnswerThatIsNotASearchResultIsRefused() {
        assertThatThrownBy(() -> parser.parse("<html>", FETCHED_AT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parser.parse("{\"error\":\"x\"}", FETCHED_AT)).hasMessageContaining("posts");
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = BlueskyPostParserTests.class.getResourceAsStream("/fixtures/bluesky/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
