package io.vigie.ingest.source.reddit;

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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mapping of recorded Reddit listings (see fixtures/reddit/README.md). */
class RedditListingTests {

    static final String NEW_POSTS = "praw_TestSubredditListings.test_new.resp1.json";
    static final String COMMENTS = "praw_TestSubredditStreams.test_comments__with_continue_after_id.resp1.json";
    static final String NEWER_COMMENTS = "praw_TestSubredditStreams.test_comments__with_continue_after_id.resp2.json";

    private static final Instant FETCHED_AT = Instant.parse("2026-11-20T08:00:00Z");
    private static final Schema MENTION_INGESTED_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/mention-ingested.v1.schema.json"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedditListing listing = new RedditListing("https://www.reddit.com", 1_000_000);

    @Test
    void newPostsKeepSubredditPermalinkAuthorScoreAndCommentCount() throws Exception {
        RedditListing.Page page = listing.parse(fixture(NEW_POSTS), FETCHED_AT);

        assertThat(page.mentions()).hasSize(100);
        assertThat(page.issues()).isEmpty();
        assertThat(page.newest()).isEqualTo("t3_48fbm9");
        MentionIngested first = page.mentions().get(0);
        assertThat(first.id()).isEqualTo(MentionId.of("reddit", "t3_48fbm9"));
        assertThat(first.source().type()).isEqualTo("reddit");
        assertThat(first.source().name()).isEqualTo("r/AskReddit");
        assertThat(first.url()).isEqualTo(
                "https://www.reddit.com/r/AskReddit/comments/48fbm9/serious_parents_of_reddit_whats_the_biggest_lie/");
        assertThat(first.title()).isEqualTo("[Serious] Parents of Reddit, what's the biggest lie about yourself you've told your kids?");
        assertThat(first.text()).as("a post without body is scored on its title").isEqualTo(first.title());
        assertThat(first.author().name()).isEqualTo("RedHeadQc");
        assertThat(first.author().handle()).isEqualTo("u/RedHeadQc");
        assertThat(first.engagement().likes()).isEqualTo(1);
        assertThat(first.engagement().comments()).isEqualTo(1);
        assertThat(first.publishedAt()).isEqualTo(Instant.ofEpochSecond(1456821458));
        assertThat(page.mentions().get(15).text()).as("self post with a body").isEqualTo(".");
    }

    @Test
    void commentsKeepTheirBodyAndThePostTitle() throws Exception {
        RedditListing.Page page = listing.parse(fixture(COMMENTS), FETCHED_AT);

        assertThat(page.mentions()).hasSize(100);
        assertThat(page.newest()).isEqualTo("t1_k3yrfii");
        MentionIngested first = page.mentions().get(0);
        assertThat(first.id()).isEqualTo(MentionId.of("reddit", "t1_k3yrfii"));
        assertThat(first.text()).isEqualTo("Did it work?");
        assertThat(first.title()).isEqualTo("<TEST_SUBREDDIT>");
        assertThat(first.url()).isEqualTo("https://www.reddit.com/r/<TEST_SUBREDDIT>/comments/agi5zf/<TEST_SUBREDDIT>/k3yrfii/");
        assertThat(first.source().name()).isEqualTo("r/<TEST_SUBREDDIT>");
        assertThat(first.author().name()).isEqualTo("Acceptable-Bread-566");
        assertThat(first.engagement().likes()).isEqualTo(1);
        assertThat(first.engagement().comments()).as("num_comments of a comment counts its post's comments").isNull();
        assertThat(first.publishedAt()).isEqualTo(Instant.ofEpochSecond(1696754768));
        assertThat(page.mentions().get(3).text()).as("raw_json=1: no HTML entities").contains("Threesome & Cum");
    }

    @Test
    void everyMappedMentionFollowsTheContract() throws Exception {
        for (String fixture : List.of(NEW_POSTS, COMMENTS, NEWER_COMMENTS)) {
            for (MentionIngested mention : listing.parse(fixture(fixture), FETCHED_AT).mentions()) {
                assertThat(MENTION_INGESTED_SCHEMA.validate(JSON.valueToTree(mention)))
                        .as("%s: %s", fixture, mention.url()).isEmpty();
            }
        }
    }

    @Test
    void anItemWithoutNameOrPermalinkIsSkippedAndCountedAndTheOthersKept() throws Exception {
        JsonNode root = JSON.readTree(fixture(NEW_POSTS));
        JsonNode children = root.path("data").path("children");
        ((ObjectNode) children.get(1).path("data")).remove("name");
        ((ObjectNode) children.get(2).path("data")).remove("permalink");
        ((ObjectNode) children.get(3).path("data")).put("created_utc", "yesterday");
        ((ObjectNode) children.get(4).path("data")).put("author", "[deleted]");
        ((ObjectNode) children.get(5).path("data")).put("score", -3);

        RedditListing.Page page = listing.parse(JSON.writeValueAsString(root), FETCHED_AT);

        assertThat(page.mentions()).hasSize(97);
        assertThat(page.issues()).isEqualTo(Map.of(EntryIssue.NO_ID, 1, EntryIssue.NO_LINK, 1, EntryIssue.UNREADABLE, 1));
        assertThat(page.mentions().get(1).author()).as("deleted author").isNull();
        assertThat(page.mentions().get(2).engagement().likes()).as("negative score is no like count").isNull();
    }

    @Test
    void somethingElseThanAListingIsRefused() {
        assertThatThrownBy(() -> listing.parse("{\"kind\": \"Listing\", \"data\": {\"chil", FETCHED_AT))
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> listing.parse("{\"message\": \"Forbidden\", \"error\": 403}", FETCHED_AT))
                .hasMessage("not a Reddit listing (no data.children)");
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = RedditListingTests.class.getResourceAsStream("/fixtures/reddit/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
