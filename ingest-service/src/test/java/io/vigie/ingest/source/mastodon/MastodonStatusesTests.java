package io.vigie.ingest.source.mastodon;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.source.EntryIssue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mapping of recorded Mastodon timelines (see fixtures/mastodon/README.md). */
class MastodonStatusesTests {

    static final String TAG_TIMELINE = "hashtag_tl.body.json";
    static final String PUBLIC_TIMELINE = "public_tl.body.json";

    private static final Instant FETCHED_AT = Instant.parse("2026-11-20T08:00:00Z");
    private static final Schema MENTION_INGESTED_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/mention-ingested.v1.schema.json"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MastodonStatuses statuses = new MastodonStatuses(1_000_000);

    @Test
    void aTaggedStatusIsPlainTextWithItsLanguageAuthorAndCounts() throws Exception {
        MastodonStatuses.Page page = statuses.parse(fixture(TAG_TIMELINE), "localhost:3000", FETCHED_AT);

        assertThat(page.mentions()).hasSize(1);
        assertThat(page.newest()).isEqualTo("117020593741189701");
        MentionIngested toot = page.mentions().get(0);
        assertThat(toot.id()).isEqualTo(MentionId.of("mastodon",
                "http://localhost:3000/ap/users/117020566092212359/statuses/117020593741189701"));
        assertThat(toot.source().type()).isEqualTo("mastodon");
        assertThat(toot.source().name()).isEqualTo("localhost:3000");
        assertThat(toot.url()).isEqualTo("http://localhost:3000/@mastodonpy_test_2/117020593741189701");
        assertThat(toot.text()).isEqualTo("#hoot (hashtag toot)");
        assertThat(toot.title()).isNull();
        assertThat(toot.language()).isEqualTo("ja");
        assertThat(toot.author().name()).as("no display name: the user name").isEqualTo("mastodonpy_test_2");
        assertThat(toot.author().handle()).isEqualTo("@mastodonpy_test_2");
        assertThat(toot.author().followers()).isZero();
        assertThat(toot.engagement().likes()).isZero();
        assertThat(toot.engagement().shares()).isZero();
        assertThat(toot.engagement().comments()).isZero();
        assertThat(toot.publishedAt()).isEqualTo(Instant.parse("2026-08-01T13:55:55.867Z"));
    }

    @Test
    void aTimelinePageKeepsEveryStatusAndItsNewestId() throws Exception {
        MastodonStatuses.Page page = statuses.parse(fixture(PUBLIC_TIMELINE), "localhost:3000", FETCHED_AT);

        assertThat(page.mentions()).hasSize(8);
        assertThat(page.issues()).isEmpty();
        assertThat(page.newest()).isEqualTo("117020593134559451");
        assertThat(page.mentions().get(1).text()).isEqualTo("you can't say that on television");
        assertThat(page.mentions().get(1).language()).isEqualTo("en");
        assertThat(page.mentions().get(1).author().followers()).isEqualTo(1);
        assertThat(page.mentions()).allSatisfy(toot -> assertThat(toot.text()).doesNotContain("<", "&#39;"));
    }

    @Test
    void theStatusesOfASearchAnswerAreReadToo() throws Exception {
        String search = "{\"accounts\": [], \"statuses\": " + fixture(PUBLIC_TIMELINE) + ", \"hashtags\": []}";

        assertThat(statuses.parse(search, "localhost:3000", FETCHED_AT).mentions()).hasSize(8);
    }

    @Test
    void aBoostIsTheBoostedStatus() throws Exception {
        ArrayNode page = (ArrayNode) JSON.readTree(fixture(PUBLIC_TIMELINE));
        ObjectNode boost = ((ObjectNode) page.get(0)).deepCopy();
        boost.put("id", "117020593134559999");
        boost.put("uri", "http://localhost:3000/users/admin/statuses/117020593134559999/activity");
        boost.put("content", "");
        boost.set("reblog", page.get(1));

        MentionIngested mapped = statuses.parse(JSON.writeValueAsString(List.of(boost)), "localhost:3000", FETCHED_AT)
                .mentions().get(0);

        assertThat(mapped.id()).isEqualTo(MentionId.of("mastodon", page.get(1).path("uri").asString()));
        assertThat(mapped.text()).isEqualTo("you can't say that on television");
    }

    @Test
    void everyMappedMentionFollowsTheContract() throws Exception {
        for (String fixture : List.of(TAG_TIMELINE, PUBLIC_TIMELINE)) {
            for (MentionIngested mention : statuses.parse(fixture(fixture), "localhost:3000", FETCHED_AT).mentions()) {
                assertThat(MENTION_INGESTED_SCHEMA.validate(JSON.valueToTree(mention)))
                        .as("%s: %s", fixture, mention.url()).isEmpty();
            }
        }
    }

    @Test
    void aStatusWithoutUriOrDateIsSkippedAndCountedAndTheOthersKept() throws Exception {
        ArrayNode page = (ArrayNode) JSON.readTree(fixture(PUBLIC_TIMELINE));
        ((ObjectNode) page.get(0)).remove("uri");
        ((ObjectNode) page.get(1)).put("created_at", "yesterday");
        ((ObjectNode) page.get(2)).put("content", "<p>" + "x".repeat(50) + "</p>");

        MastodonStatuses.Page parsed = new MastodonStatuses(10).parse(JSON.writeValueAsString(page), "localhost:3000", FETCHED_AT);

        assertThat(parsed.mentions()).hasSize(6);
        assertThat(parsed.mentions().get(0).text()).isEqualTo("xxxxxxxxxx");
        assertThat(parsed.issues()).containsEntry(EntryIssue.NO_ID, 1).containsEntry(EntryIssue.UNREADABLE, 1)
                .containsKey(EntryIssue.TEXT_TRUNCATED);
        assertThat(parsed.newest()).as("the cursor still moves past skipped statuses").isEqualTo("117020593134559451");
    }

    @Test
    void somethingElseThanStatusesIsRefused() {
        assertThatThrownBy(() -> statuses.parse("[{\"id\": ", "localhost:3000", FETCHED_AT)).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> statuses.parse("{\"error\": \"This method requires an authenticated user\"}",
                "localhost:3000", FETCHED_AT)).hasMessage("no array of statuses in the answer");
    }

    @Test
    void idsAreComparedAsNumbers() {
        assertThat(MastodonStatuses.ID_ORDER.compare("99", "100")).isNegative();
        assertThat(MastodonStatuses.ID_ORDER.compare("117020593134559451", "117020592137523525")).isPositive();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = MastodonStatusesTests.class.getResourceAsStream("/fixtures/mastodon/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
