package io.vigie.ingest.source.rss;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parsing of recorded real feeds (see fixtures/rss/README.md) and of the ways feeds go wrong. */
class RssFeedParserTests {

    private static final Instant FETCHED_AT = Instant.parse("2026-11-20T08:00:00Z");
    private static final Schema MENTION_INGESTED_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/mention-ingested.v1.schema.json"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RssFeedParser parser = new RssFeedParser(1_000_000);

    @Test
    void googleAlertsTitlesLoseTheirHtmlAndKeepTheGoogleRedirectAsUrl() throws Exception {
        RssFeedParser.ParsedFeed feed = parse("feedjira_google_alerts_atom.xml");

        assertThat(feed.mentions()).hasSize(20);
        assertThat(feed.issues()).isEmpty();
        MentionIngested first = feed.mentions().get(0);
        assertThat(first.id()).isEqualTo(MentionId.of("rss", "tag:google.com,2013:googlealerts/feed:8974135267215335962"));
        assertThat(first.source().type()).isEqualTo("rss");
        assertThat(first.source().name()).isEqualTo("Google Alert - Slack");
        assertThat(first.title()).isEqualTo("Report offers Prediction of Automotive Slack Market by Top key players "
                + "like Haldex, Meritor, Bendix ...");
        assertThat(first.url()).startsWith("https://www.google.com/url?rct=j&sa=t&url=https://www.aglobalmarketresearch.com/");
        assertThat(first.text()).isEqualTo("Automotive Slack Market reports provides a comprehensive overview of the "
                + "global market size and share. It provides strategists, marketers and senior ...");
        assertThat(first.author()).as("Google Alerts authors are empty").isNull();
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2019-07-10T11:53:37Z"));
        assertThat(first.fetchedAt()).isEqualTo(FETCHED_AT);
        assertThat(feed.mentions().get(1).text()).contains("centered on the Company's decision to go public");
        assertThat(feed.mentions()).allSatisfy(mention -> {
            assertThat(mention.title()).doesNotContain("<b>", "&lt;", "&amp;");
            assertThat(mention.text()).doesNotContain("<b>", "&nbsp;", "&#39;", "\u00a0");
        });
    }

    @Test
    void paulDixBlogKeepsAuthorDatesAndPlainTextOfTheFullContent() throws Exception {
        RssFeedParser.ParsedFeed feed = parse("feedjira_PaulDixExplainsNothing.xml");

        assertThat(feed.mentions()).hasSize(5);
        MentionIngested first = feed.mentions().get(0);
        assertThat(first.id()).isEqualTo(MentionId.of("rss", "tag:typepad.com,2003:post-61753462"));
        assertThat(first.source().name()).isEqualTo("Paul Dix Explains Nothing");
        assertThat(first.title()).isEqualTo("Making a Ruby C library even faster");
        assertThat(first.url()).isEqualTo("http://feeds.feedburner.com/~r/PaulDixExplainsNothing/~3/519925023/"
                + "making-a-ruby-c-library-even-faster.html");
        assertThat(first.author().name()).isEqualTo("Paul Dix");
        assertThat(first.publishedAt()).isEqualTo(Instant.parse("2009-01-22T15:50:22Z"));
        assertThat(first.text()).startsWith("Last week I released the first version of a SAX based XML parsing "
                + "library called SAX-Machine. It uses Nokogiri");
        assertThat(first.text()).doesNotContain("<p>", "<a href", "&lt;");
    }

    @Test
    void youtubeVideosTakeTheirTextFromTheMediaDescription() throws Exception {
        RssFeedParser.ParsedFeed feed = parse("feedjira_youtube_atom.xml");

        assertThat(feed.mentions()).hasSize(15);
        MentionIngested first = feed.mentions().get(0);
        assertThat(first.id()).isEqualTo(MentionId.of("rss", "yt:video:5shykyfmb28"));
        assertThat(first.url()).isEqualTo("http://www.youtube.com/watch?v=5shykyfmb28");
        assertThat(first.title()).isEqualTo("The Google app: Questions Title");
        assertThat(first.text()).startsWith("A question is the most powerful force in the world.");
        assertThat(first.author().name()).isEqualTo("Google");
        assertThat(first.source().name()).isEqualTo("Google");
    }

    @Test
    void everyMappedMentionMatchesTheContract() throws Exception {
        for (String fixture : List.of("feedjira_google_alerts_atom.xml", "feedjira_PaulDixExplainsNothing.xml",
                "feedjira_youtube_atom.xml")) {
            for (MentionIngested mention : parse(fixture).mentions()) {
                assertThat(MENTION_INGESTED_SCHEMA.validate(JSON.valueToTree(mention)))
                        .as("%s: %s", fixture, mention.url()).isEmpty();
            }
        }
    }

    @Test
    void rssItemsUseGuidCreatorAndTheChannelLanguage() throws Exception {
        RssFeedParser.ParsedFeed feed = parse(rss("""
                <item>
                  <title>Nuvelia &amp; le prix du kWh</title>
                  <link>https://blog.example.org/nuvelia-kwh</link>
                  <guid isPermaLink="false">blog-42</guid>
                  <dc:creator>Claire Martin</dc:creator>
                  <pubDate>Fri, 20 Nov 2026 08:15:00 +0100</pubDate>
                  <description>&lt;p&gt;Le prix &lt;em&gt;augmente&lt;/em&gt;.&lt;/p&gt;</description>
                </item>"""));

        MentionIngested mention = feed.mentions().get(0);
        assertThat(mention.id()).isEqualTo(MentionId.of("rss", "blog-42"));
        assertThat(mention.url()).isEqualTo("https://blog.example.org/nuvelia-kwh");
        assertThat(mention.title()).isEqualTo("Nuvelia & le prix du kWh");
        assertThat(mention.text()).isEqualTo("Le prix augmente.");
        assertThat(mention.author().name()).isEqualTo("Claire Martin");
        assertThat(mention.language()).isEqualTo("fr");
        assertThat(mention.publishedAt()).isEqualTo(Instant.parse("2026-11-20T07:15:00Z"));
        assertThat(mention.source().name()).isEqualTo("Le Blog Énergie");
    }

    @Test
    void anEntryWithoutDateIsDatedByTheFetch() throws Exception {
        RssFeedParser.ParsedFeed feed = parse(rss("<item><title>t</title><link>https://e.org/1</link></item>"));

        assertThat(feed.mentions().get(0).publishedAt()).isEqualTo(FETCHED_AT);
        assertThat(feed.mentions().get(0).id()).as("the link is the id when there is no guid")
                .isEqualTo(MentionId.of("rss", "https://e.org/1"));
    }

    @Test
    void badEntriesAreSkippedOrRepairedAndCountedWhileTheRestOfTheFeedIsKept() throws Exception {
        RssFeedParser smallTexts = new RssFeedParser(1_000);
        String giant = "Nuvelia ".repeat(200_000);
        byte[] feed = rss("""
                <item><title>no link, no guid</title><description>lost</description></item>
                <item><title>guid that is no URL, and no link</title><guid isPermaLink="false">x-1</guid></item>
                <item><title>giant</title><link>https://e.org/giant</link><description>%s</description></item>
                <item><title>control\u0001characters&#x1;here</title><link>https://e.org/ctrl</link></item>
                <item><title>fine</title><link>https://e.org/fine</link></item>""".formatted(giant));

        RssFeedParser.ParsedFeed parsed = smallTexts.parse(feed, "application/rss+xml", "https://e.org/feed", FETCHED_AT);

        assertThat(parsed.mentions()).extracting(MentionIngested::url)
                .containsExactly("https://e.org/giant", "https://e.org/ctrl", "https://e.org/fine");
        assertThat(parsed.mentions().get(0).text()).hasSize(1_000);
        assertThat(parsed.mentions().get(1).title()).isEqualTo("controlcharactershere");
        assertThat(parsed.issues()).containsEntry(EntryIssue.NO_ID, 1)
                .containsEntry(EntryIssue.NO_LINK, 1)
                .containsEntry(EntryIssue.TEXT_TRUNCATED, 1)
                .containsEntry(EntryIssue.INVALID_CHARACTERS, 2);
    }

    @Test
    void languageCodesAreReducedToIso639One() {
        assertThat(RssFeedParser.language("en-us")).isEqualTo("en");
        assertThat(RssFeedParser.language("fr_FR")).isEqualTo("fr");
        assertThat(RssFeedParser.language("english")).isNull();
        assertThat(RssFeedParser.language(null)).isNull();
    }

    private RssFeedParser.ParsedFeed parse(String fixture) throws Exception {
        return parse(fixture(fixture));
    }

    private RssFeedParser.ParsedFeed parse(byte[] feed) throws Exception {
        return parser.parse(feed, "application/xml; charset=utf-8", "https://feeds.example.org/feed", FETCHED_AT);
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = RssFeedParserTests.class.getResourceAsStream("/fixtures/rss/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] rss(String items) {
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
                <channel>
                  <title>Le Blog Énergie</title>
                  <link>https://blog.example.org/</link>
                  <description>test</description>
                  <language>fr-FR</language>
                """ + items + """
                </channel>
                </rss>
                """).getBytes(StandardCharsets.UTF_8);
    }
}
