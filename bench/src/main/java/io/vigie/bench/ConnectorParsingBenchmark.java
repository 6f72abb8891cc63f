package io.vigie.bench;

import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.source.EntryIssue;
import io.vigie.ingest.source.bluesky.BlueskyPostParser;
import io.vigie.ingest.source.discourse.DiscourseParser;
import io.vigie.ingest.source.github.GitHubIssueParser;
import io.vigie.ingest.source.hackernews.HackerNewsHits;
import io.vigie.ingest.source.mastodon.MastodonStatuses;
import io.vigie.ingest.source.reddit.RedditListing;
import io.vigie.ingest.source.rss.RssFeedParser;
import io.vigie.ingest.source.youtube.YouTubeParser;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Each connector's parser on its recorded real payload (the fixtures of ingest-service's tests): bytes of one page in,
 * mentions out (JSON or XML parsing, HTML stripped to text, fields mapped). One operation is one page; the
 * {@code mentions} counter JMH prints next to it is the figure that matters, in mentions/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ConnectorParsingBenchmark {

    /** Texts longer than this are cut, as the service's default does; the fixtures have no text that long. */
    private static final int MAX_TEXT = 100_000;
    private static final Instant FETCHED_AT = Instant.parse("2026-01-15T10:00:00Z");

    /** A connector, with the recorded page it parses (several connectors have more than one kind of page). */
    @Param({"rss", "hackernews", "reddit", "mastodon", "bluesky", "discourse", "github", "youtube-search",
            "youtube-comments"})
    public String source;

    /** Where the recorded payloads are; relative paths are tried from the working directory and its parent. */
    @Param(RepositoryFiles.CONNECTOR_FIXTURES)
    public String fixtures;

    private PageParser parser;

    /** Mentions produced, reported by JMH as a rate next to pages/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Mentions {
        public long mentions;

        @Setup(Level.Iteration)
        public void reset() {
            mentions = 0;
        }
    }

    @FunctionalInterface
    interface PageParser {
        List<MentionIngested> parse() throws Exception;
    }

    @Setup
    public void setUp() throws Exception {
        parser = parser(source, fixtures);
        if (parser.parse().isEmpty()) {
            throw new IllegalStateException("the " + source + " fixture gave no mention: the benchmark would measure nothing");
        }
    }

    @Benchmark
    public List<MentionIngested> parsePage(Mentions counter) throws Exception {
        List<MentionIngested> mentions = parser.parse();
        counter.mentions += mentions.size();
        return mentions;
    }

    static PageParser parser(String source, String fixtures) throws IOException {
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        return switch (source) {
            case "rss" -> {
                byte[] feed = bytes(fixtures, "rss/feedjira_google_alerts_atom.xml");
                RssFeedParser rss = new RssFeedParser(MAX_TEXT);
                yield () -> rss.parse(feed, "application/atom+xml; charset=utf-8", "https://www.google.com/alerts/feeds/1/2",
                        FETCHED_AT).mentions();
            }
            case "hackernews" -> {
                String body = text(fixtures, "hackernews/communal_sampleNewsOutput.json");
                HackerNewsHits hits = new HackerNewsHits(MAX_TEXT);
                yield () -> hits.parse(body, FETCHED_AT).mentions();
            }
            case "reddit" -> {
                String body = text(fixtures, "reddit/praw_TestSubredditListings.test_new.resp1.json");
                RedditListing listing = new RedditListing("https://www.reddit.com", MAX_TEXT);
                yield () -> listing.parse(body, FETCHED_AT).mentions();
            }
            case "mastodon" -> {
                String body = text(fixtures, "mastodon/hashtag_tl.body.json");
                MastodonStatuses statuses = new MastodonStatuses(MAX_TEXT);
                yield () -> statuses.parse(body, "localhost:3000", FETCHED_AT).mentions();
            }
            case "bluesky" -> {
                String body = text(fixtures, "bluesky/searchPosts_redistricting.body.json");
                BlueskyPostParser posts = new BlueskyPostParser(MAX_TEXT);
                yield () -> posts.parse(body, FETCHED_AT).mentions();
            }
            case "discourse" -> {
                String body = text(fixtures, "discourse/discourse_api_posts_latest.json");
                DiscourseParser discourse = new DiscourseParser(MAX_TEXT);
                yield () -> discourse.parseLatestPosts(body, "https://forum.example.org", FETCHED_AT, 0, issues).mentions();
            }
            case "github" -> {
                String body = text(fixtures, "github/search-issues.body.json");
                GitHubIssueParser github = new GitHubIssueParser(MAX_TEXT);
                yield () -> github.parse(body, FETCHED_AT, issues).mentions();
            }
            case "youtube-search" -> {
                String body = text(fixtures, "youtube/pyyoutube_search_search_by_keywords_p1.json");
                YouTubeParser youtube = new YouTubeParser(MAX_TEXT);
                yield () -> youtube.parseSearch(body, FETCHED_AT, issues).mentions();
            }
            case "youtube-comments" -> {
                String body = text(fixtures, "youtube/pyyoutube_comment_threads_comment_threads_with_search.json");
                YouTubeParser youtube = new YouTubeParser(MAX_TEXT);
                yield () -> youtube.parseCommentThreads(body, FETCHED_AT, issues).mentions();
            }
            default -> throw new IllegalArgumentException("unknown source '" + source + "': use one of rss, hackernews, "
                    + "reddit, mastodon, bluesky, discourse, github, youtube-search, youtube-comments");
        };
    }

    private static byte[] bytes(String fixtures, String file) throws IOException {
        return Files.readAllBytes(RepositoryFiles.resolve(fixtures + "/" + file));
    }

    private static String text(String fixtures, String file) throws IOException {
        return new String(bytes(fixtures, file), StandardCharsets.UTF_8);
    }
}
