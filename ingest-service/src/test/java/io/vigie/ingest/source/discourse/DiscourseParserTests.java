package io.vigie.ingest.source.discourse;

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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Mapping of recorded Discourse API answers (see fixtures/discourse/README.md). */
class DiscourseParserTests {

    private static final String FORUM = "https://forum.example.org";
    private static final Instant FETCHED_AT = Instant.parse("2020-01-26T00:00:00Z");
    private static final Schema MENTION_INGESTED_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/mention-ingested.v1.schema.json"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DiscourseParser parser = new DiscourseParser(100_000);
    private final Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);

    @Test
    void latestPostsMapCookedHtmlToTextUsernameRepliesAndTheirPostUrl() throws IOException {
        DiscourseParser.Posts posts = parser.parseLatestPosts(fixture("discourse_api_posts_latest.json"), FORUM, FETCHED_AT, 0, issues);

        assertThat(posts.postIds()).containsExactly(15L, 14L, 10L, 2L);
        assertThat(posts.lowestId()).isEqualTo(2L);
        assertThat(issues).isEmpty();
        MentionIngested first = posts.mentions().get(0);
        assertThat(first.id()).isEqualTo(MentionId.of("discourse", FORUM + "/p/15"));
        assertThat(first.url()).isEqualTo(FORUM + "/t/this-is-an-uncategorized-title/11/2");
        assertThat(first.text()).isEqualTo("holla bullhonky.");
        assertThat(first.title()).isEqualTo("This is an uncategorized title");
        assertThat(first.author().handle()).isEqualTo("johndoe");
        assertThat(first.engagement().comments()).isZero();
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2020-01-25T02:10:07.971Z"));
        assertThat(first.source().name()).isEqualTo("forum.example.org");
        assertThat(posts.mentions()).allSatisfy(m -> assertThat(m.text()).doesNotContain("<p>", "<a "));
    }

    @Test
    void postsAlreadySeenAreLeftOut() throws IOException {
        DiscourseParser.Posts posts = parser.parseLatestPosts(fixture("discourse_api_posts_latest.json"), FORUM, FETCHED_AT, 10, issues);

        assertThat(posts.postIds()).containsExactly(15L, 14L);
        assertThat(posts.lowestId()).as("still tells where the page ends").isEqualTo(2L);
    }

    @Test
    void topicPostsTakeTitleAndSlugFromTheTopicAndLikesFromTheActionsSummary() throws IOException {
        DiscourseParser.Posts posts = parser.parseTopic(fixture("discourse_api_topic.json"), FORUM, FETCHED_AT, 0, issues);

        assertThat(posts.mentions()).hasSize(4);
        MentionIngested first = posts.mentions().get(0);
        assertThat(first.url()).isEqualTo(FORUM + "/t/this-site-is-a-sandbox-it-is-reset-every-day/57/1");
        assertThat(first.author().name()).isEqualTo("Sam Saffron");
        assertThat(first.author().handle()).isEqualTo("samsaffron");
        assertThat(first.title()).isEqualTo("THIS SITE IS A SANDBOX -- it is reset every day");
        assertThat(first.text()).startsWith("Welcome! Try is a sandbox, a safe place to play with Discourse")
                .doesNotContain("<strong>");
        assertThat(first.engagement().likes()).isZero();
        assertThat(first.engagement().comments()).isEqualTo(1);
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2013-02-04T20:26:26.278Z"));
    }

    @Test
    void searchGivesTheTopicIdsInBothAnswerShapes() throws IOException {
        assertThat(parser.parseSearchTopicIds(fixture("discourse_api_search.json"))).containsExactly(1L, 2L, 3L);
        assertThat(parser.parseSearchTopicIds("""
                {"posts":[{"id":9,"topic_id":57,"blurb":"..."}],"topics":[{"id":57},{"id":60}]}"""))
                .containsExactly(57L, 60L);
    }

    @Test
    void everyMappedMentionMatchesTheContract() throws IOException {
        List<MentionIngested> all = new ArrayList<>(parser.parseLatestPosts(fixture("discourse_api_posts_latest.json"),
                FORUM, FETCHED_AT, 0, issues).mentions());
        all.addAll(parser.parseTopic(fixture("discourse_api_topic.json"), FORUM, FETCHED_AT, 0, issues).mentions());

        assertThat(all).hasSize(8);
        for (MentionIngested mention : all) {
            assertThat(MENTION_INGESTED_SCHEMA.validate(JSON.valueToTree(mention))).as(mention.url()).isEmpty();
        }
    }

    @Test
    void postsWithoutIdOrTopicAreSkippedAndCounted() {
        String body = """
                {"latest_posts":[
                  {"cooked":"<p>no id</p>","topic_id":1,"post_number":1},
                  {"id":5,"cooked":"<p>no topic</p>"},
                  {"id":6,"cooked":"<p>fine</p>","topic_id":1,"topic_slug":"s","post_number":3,"created_at":"2020-01-25T02:10:07Z"}
                ]}""";

        DiscourseParser.Posts posts = parser.parseLatestPosts(body, FORUM, FETCHED_AT, 0, issues);

        assertThat(posts.mentions()).extracting(MentionIngested::url).containsExactly(FORUM + "/t/s/1/3");
        assertThat(issues).containsEntry(EntryIssue.NO_ID, 1).containsEntry(EntryIssue.NO_LINK, 1);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = DiscourseParserTests.class.getResourceAsStream("/fixtures/discourse/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
