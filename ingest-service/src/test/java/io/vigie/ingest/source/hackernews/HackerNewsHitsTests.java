package io.vigie.ingest.source.hackernews;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.source.EntryIssue;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mapping of recorded Algolia Hacker News answers (see fixtures/hackernews/README.md). */
class HackerNewsHitsTests {

    static final String STORIES = "communal_sampleNewsOutput.json";
    static final String ITEM_WITH_COMMENTS = "communal_sampleCommentsOutput.json";

    private static final Instant FETCHED_AT = Instant.parse("2026-11-20T08:00:00Z");
    private static final Schema MENTION_INGESTED_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/mention-ingested.v1.schema.json"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HackerNewsHits hits = new HackerNewsHits(1_000_000);

    @Test
    void storiesKeepTitleLinkAuthorPointsAndCommentCount() throws Exception {
        HackerNewsHits.Page page = hits.parse(fixture(STORIES), FETCHED_AT);

        assertThat(page.mentions()).hasSize(4);
        assertThat(page.issues()).isEmpty();
        assertThat(page.newestCreated()).isEqualTo(1486212445L);
        assertThat(page.pages()).isEqualTo(1);
        MentionIngested first = page.mentions().get(0);
        assertThat(first.id()).isEqualTo(MentionId.of("hackernews", "8828543"));
        assertThat(first.source().type()).isEqualTo("hackernews");
        assertThat(first.source().name()).isEqualTo("Hacker News");
        assertThat(first.url()).isEqualTo("https://medium.com/@shazow/ssh-how-does-it-even-9e43586e4ffc");
        assertThat(first.title()).isEqualTo("Why aren\u2019t we using SSH for everything?");
        assertThat(first.text()).as("a link story is scored on its title").isEqualTo(first.title());
        assertThat(first.author().name()).isEqualTo("dkua");
        assertThat(first.author().handle()).isEqualTo("dkua");
        assertThat(first.engagement().likes()).isEqualTo(270);
        assertThat(first.engagement().comments()).isEqualTo(103);
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2015-01-02T21:05:46Z"));
        assertThat(first.fetchedAt()).isEqualTo(FETCHED_AT);
        assertThat(first.language()).isNull();
    }

    @Test
    void aCommentIsPlainTextAndLinksToItsHackerNewsItem() throws Exception {
        HackerNewsHits.Page page = hits.parse(commentPage(), FETCHED_AT);

        MentionIngested comment = page.mentions().get(0);
        assertThat(comment.id()).isEqualTo(MentionId.of("hackernews", "8829186"));
        assertThat(comment.url()).isEqualTo("https://news.ycombinator.com/item?id=8829186");
        assertThat(comment.title()).isNull();
        assertThat(comment.text()).isEqualTo("Somewhat relevant: I think Mosh solves a few problems that SSH lacks. "
                + "This article: https://news.ycombinator.com/item?id=8252093 made it on Hacker News a bit ago. "
                + "The video is wort the watch imo.");
        assertThat(comment.author().name()).isEqualTo("silbak04");
        assertThat(comment.engagement().likes()).isNull();
        assertThat(comment.publishedAt()).isEqualTo(Instant.parse("2015-01-02T23:36:48Z"));
    }

    @Test
    void everyMappedMentionFollowsTheContract() throws Exception {
        for (String body : new String[] {fixture(STORIES), commentPage()}) {
            for (MentionIngested mention : hits.parse(body, FETCHED_AT).mentions()) {
                assertThat(MENTION_INGESTED_SCHEMA.validate(JSON.valueToTree(mention))).as(mention.url()).isEmpty();
            }
        }
    }

    @Test
    void aHitWithoutIdOrDateIsSkippedAndCountedAndTheOthersKept() throws Exception {
        JsonNode root = JSON.readTree(fixture(STORIES));
        ((ObjectNode) root.path("hits").get(0)).remove("objectID");
        ((ObjectNode) root.path("hits").get(1)).remove("created_at_i");
        ((ObjectNode) root.path("hits").get(1)).put("created_at", "yesterday");

        HackerNewsHits.Page page = hits.parse(JSON.writeValueAsString(root), FETCHED_AT);

        assertThat(page.mentions()).extracting(MentionIngested::id)
                .containsExactly(MentionId.of("hackernews", "13566801"), MentionId.of("hackernews", "8830693"));
        assertThat(page.issues()).isEqualTo(Map.of(EntryIssue.NO_ID, 1, EntryIssue.UNREADABLE, 1));
    }

    @Test
    void aLongCommentIsTruncatedAndCounted() throws Exception {
        HackerNewsHits.Page page = new HackerNewsHits(20).parse(commentPage(), FETCHED_AT);

        assertThat(page.mentions().get(0).text()).isEqualTo("Somewhat relevant: I");
        assertThat(page.issues()).isEqualTo(Map.of(EntryIssue.TEXT_TRUNCATED, 1));
    }

    @Test
    void somethingElseThanASearchAnswerIsRefused() {
        assertThatThrownBy(() -> hits.parse("{\"hits\": [", FETCHED_AT)).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> hits.parse("<html>rate limited</html>", FETCHED_AT)).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> hits.parse("{\"message\": \"Invalid query\"}", FETCHED_AT))
                .hasMessage("no 'hits' array in the answer");
    }

    /**
     * A search page holding one comment hit: the recorded story hit's shape, with the fields Algolia gives comments
     * (comment_text, story_id, parent_id, the "comment" tag) filled from the recorded item 8829186.
     */
    static String commentPage() throws IOException {
        JsonNode comment = JSON.readTree(fixture(ITEM_WITH_COMMENTS)).path("children").get(0);
        ObjectNode root = (ObjectNode) JSON.readTree(fixture(STORIES));
        ObjectNode hit = (ObjectNode) root.path("hits").get(0);
        hit.put("objectID", comment.path("id").asString());
        hit.put("created_at", comment.path("created_at").asString());
        hit.put("created_at_i", comment.path("created_at_i").asLong());
        hit.put("author", comment.path("author").asString());
        hit.putNull("title");
        hit.putNull("url");
        hit.putNull("points");
        hit.putNull("num_comments");
        hit.putNull("story_text");
        hit.put("comment_text", comment.path("text").asString());
        hit.put("story_id", comment.path("story_id").asLong());
        hit.put("parent_id", comment.path("parent_id").asLong());
        hit.putArray("_tags").add("comment").add("author_" + comment.path("author").asString())
                .add("story_" + comment.path("story_id").asLong());
        root.putArray("hits").add(hit);
        return JSON.writeValueAsString(root);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = HackerNewsHitsTests.class.getResourceAsStream("/fixtures/hackernews/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
