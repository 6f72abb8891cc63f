package io.vigie.ingest.source.youtube;

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

/** Mapping of recorded real YouTube Data API v3 answers (see fixtures/youtube/README.md). */
class YouTubeParserTests {

    private static final Instant FETCHED_AT = Instant.parse("2019-12-06T10:00:00Z");
    private static final Schema MENTION_INGESTED_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/mention-ingested.v1.schema.json"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final YouTubeParser parser = new YouTubeParser(100_000);
    private final Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);

    @Test
    void searchResultsAreVideosWithDecodedTitlesAndTheirChannel() throws IOException {
        YouTubeParser.Videos videos = parser.parseSearch(fixture("pyyoutube_search_search_by_keywords_p1.json"), FETCHED_AT, issues);

        assertThat(videos.mentions()).hasSize(25);
        assertThat(videos.videoIds()).hasSize(25).startsWith("gQ_1zX-F_No", "i2hewkFijuY");
        assertThat(issues).isEmpty();
        MentionIngested second = videos.mentions().get(1);
        assertThat(second.id()).isEqualTo(MentionId.of("youtube", "video:i2hewkFijuY"));
        assertThat(second.url()).isEqualTo("https://www.youtube.com/watch?v=i2hewkFijuY");
        assertThat(second.title()).isEqualTo("SURFING PERFECT PIPE & BACKDOOR || SUNRISE SHACK!");
        assertThat(second.text()).startsWith("This is Livin' Movie Premiering at Surfer Bar");
        assertThat(second.author().name()).isEqualTo("Koa Rothman");
        assertThat(second.author().handle()).isEqualTo("UC_F4Iy5korq2mEWZDQhG07w");
        assertThat(second.publishedAt()).isEqualTo(Instant.parse("2019-12-04T16:00:08Z"));
        assertThat(videos.newest()).isEqualTo(Instant.parse("2019-12-06T08:25:39Z"));
    }

    @Test
    void commentThreadsMapTopLevelCommentsWithLikesRepliesAndALinkToTheComment() throws IOException {
        YouTubeParser.Comments comments = parser.parseCommentThreads(
                fixture("pyyoutube_comment_threads_comment_threads_all_to_me.json"), FETCHED_AT, issues);

        assertThat(comments.mentions()).hasSize(4);
        MentionIngested second = comments.mentions().get(1);
        assertThat(second.id()).isEqualTo(MentionId.of("youtube", "comment:Ugw5zYU6n9pmIgAZWvN4AaABAg"));
        assertThat(second.url()).isEqualTo("https://www.youtube.com/watch?v=JE8xdDp5B8Q&lc=Ugw5zYU6n9pmIgAZWvN4AaABAg");
        assertThat(second.text()).isEqualTo("This is so beautiful !");
        assertThat(second.author().name()).isEqualTo("kun liu");
        assertThat(second.author().handle()).isEqualTo("UCNvMBmCASzTNNX8lW3JRMbw");
        assertThat(second.engagement().likes()).isEqualTo(1);
        assertThat(second.engagement().comments()).isZero();
        assertThat(comments.mentions().get(2).url()).as("a comment on the channel, not on a video")
                .startsWith("https://www.youtube.com/channel/");
        assertThat(comments.mentions().get(2).text()).isEqualTo("大满贯");
    }

    @Test
    void everyMappedMentionMatchesTheContract() throws IOException {
        List<MentionIngested> all = new ArrayList<>(parser.parseSearch(
                fixture("pyyoutube_search_search_by_keywords_p1.json"), FETCHED_AT, issues).mentions());
        all.addAll(parser.parseCommentThreads(fixture("pyyoutube_comment_threads_comment_threads_all_to_me.json"),
                FETCHED_AT, issues).mentions());
        all.addAll(parser.parseCommentThreads(fixture("pyyoutube_comment_threads_comment_threads_with_search.json"),
                FETCHED_AT, issues).mentions());

        assertThat(all).hasSize(30);
        for (MentionIngested mention : all) {
            assertThat(MENTION_INGESTED_SCHEMA.validate(JSON.valueToTree(mention))).as(mention.url()).isEmpty();
        }
    }

    @Test
    void itemsWithoutIdAreSkippedAndCounted() {
        String body = """
                {"kind":"youtube#commentThreadListResponse","items":[
                  {"snippet":{"videoId":"v1","topLevelComment":{"snippet":{"textDisplay":"lost"}}}},
                  {"id":"c2","snippet":{"videoId":"v1","topLevelComment":{"id":"c2","snippet":{"textDisplay":"kept &amp; decoded"}}}}
                ]}""";

        YouTubeParser.Comments comments = parser.parseCommentThreads(body, FETCHED_AT, issues);

        assertThat(comments.mentions()).extracting(MentionIngested::text).containsExactly("kept & decoded");
        assertThat(issues).containsEntry(EntryIssue.NO_ID, 1);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = YouTubeParserTests.class.getResourceAsStream("/fixtures/youtube/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
