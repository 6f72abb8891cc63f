package io.vigie.ingest.source.github;

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
import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Mapping of a recorded GitHub issue search answer (see fixtures/github/README.md). */
class GitHubIssueParserTests {

    private static final Instant FETCHED_AT = Instant.parse("2017-10-10T17:00:00Z");
    private static final Schema MENTION_INGESTED_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/mention-ingested.v1.schema.json"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GitHubIssueParser parser = new GitHubIssueParser(100_000);
    private final Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);

    @Test
    void issuesMapTitleBodyAuthorCommentsAndHtmlUrl() throws IOException {
        GitHubIssueParser.Page page = parser.parse(fixture("search-issues.body.json"), FETCHED_AT, issues);

        assertThat(page.items()).isEqualTo(2);
        assertThat(issues).isEmpty();
        MentionIngested first = page.mentions().get(0);
        assertThat(first.id()).isEqualTo(MentionId.of("github",
                "https://api.github.com/repos/octokit-fixture-org/search-issues/issues/2"));
        assertThat(first.url()).isEqualTo("https://github.com/octokit-fixture-org/search-issues/issues/2");
        assertThat(first.title()).isEqualTo("Sesame seeds split without a pop!");
        assertThat(first.text()).isEqualTo("I’ve waited all year long, but there was no pop 😭");
        assertThat(first.author().handle()).isEqualTo("octokit-fixture-user-b");
        assertThat(first.engagement().comments()).isEqualTo(42);
        assertThat(first.engagement().likes()).as("this recording has no reactions").isNull();
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2017-10-10T16:00:00Z"));
        assertThat(page.mentions().get(1).text()).isEqualTo("I tried \"open sesame\" as seen on Wikipedia but no luck!");
        assertThat(page.newestUpdate()).isEqualTo(Instant.parse("2017-10-10T16:00:00Z"));
    }

    @Test
    void reactionsAreTheLikes() {
        String body = """
                {"items":[{"url":"https://api.github.com/repos/o/r/issues/1","html_url":"https://github.com/o/r/issues/1",
                  "title":"t","body":null,"user":{"login":"u"},"comments":0,"created_at":"2024-01-01T00:00:00Z",
                  "updated_at":"2024-01-02T00:00:00Z","reactions":{"total_count":7,"+1":5,"heart":2}}]}""";

        MentionIngested mention = parser.parse(body, FETCHED_AT, issues).mentions().get(0);

        assertThat(mention.engagement().likes()).isEqualTo(7);
        assertThat(mention.text()).as("an issue without body").isEmpty();
    }

    @Test
    void everyMappedMentionMatchesTheContract() throws IOException {
        for (MentionIngested mention : parser.parse(fixture("search-issues.body.json"), FETCHED_AT, issues).mentions()) {
            assertThat(MENTION_INGESTED_SCHEMA.validate(JSON.valueToTree(mention))).as(mention.url()).isEmpty();
        }
    }

    @Test
    void itemsWithoutUrlsAreSkippedAndCounted() {
        String body = """
                {"items":[{"title":"no url"},{"url":"https://api.github.com/repos/o/r/issues/2","title":"no html_url"}]}""";

        assertThat(parser.parse(body, FETCHED_AT, issues).mentions()).isEmpty();
        assertThat(issues).containsEntry(EntryIssue.NO_ID, 1).containsEntry(EntryIssue.NO_LINK, 1);
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = GitHubIssueParserTests.class.getResourceAsStream("/fixtures/github/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
