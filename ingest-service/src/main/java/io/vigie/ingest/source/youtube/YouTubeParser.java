package io.vigie.ingest.source.youtube;

import io.vigie.contracts.Author;
import io.vigie.contracts.Engagement;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionSource;
import io.vigie.ingest.source.EntryIssue;
import io.vigie.ingest.source.PlainText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps YouTube Data API v3 answers to mentions: {@code search} results (videos: title and description) and
 * {@code commentThreads} (top-level comments). One bad item is skipped and counted; the rest of the page is kept.
 */
public class YouTubeParser {

    static final String SOURCE_TYPE = "youtube";
    static final String SOURCE_NAME = "YouTube";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int maxTextLength;

    public YouTubeParser(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    /** @param videoIds the ids of the videos found, newest first as YouTube sent them */
    public record Videos(List<MentionIngested> mentions, List<String> videoIds, Instant newest) {
    }

    public record Comments(List<MentionIngested> mentions, Instant newest) {
    }

    /** A {@code search} answer: each video is a mention of its own, and its comments are fetched next. */
    public Videos parseSearch(String body, Instant fetchedAt, Map<EntryIssue, Integer> issues) {
        List<MentionIngested> mentions = new ArrayList<>();
        List<String> videoIds = new ArrayList<>();
        Instant newest = null;
        for (JsonNode item : items(body, "youtube#searchListResponse")) {
            try {
                String videoId = text(item.path("id").path("videoId"));
                if (videoId == null) {
                    // Channels and playlists also come back from search; only videos are mentions.
                    if (text(item.path("id").path("kind")) == null) {
                        count(issues, EntryIssue.NO_ID);
                    }
                    continue;
                }
                JsonNode snippet = item.path("snippet");
                Instant publishedAt = orElse(instant(text(snippet.path("publishedAt"))), fetchedAt);
                String channelTitle = text(snippet.path("channelTitle"));
                Author author = new Author(channelTitle, text(snippet.path("channelId")), null, null);
                mentions.add(new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of(SOURCE_TYPE, "video:" + videoId),
                        List.of(), new MentionSource(SOURCE_TYPE, SOURCE_NAME), "https://www.youtube.com/watch?v=" + videoId,
                        author, PlainText.fromHtml(text(snippet.path("title"))),
                        bounded(PlainText.fromHtml(text(snippet.path("description"))), issues), null, publishedAt,
                        fetchedAt, null, null));
                videoIds.add(videoId);
                newest = latest(newest, publishedAt);
            } catch (RuntimeException e) {
                count(issues, EntryIssue.UNREADABLE);
            }
        }
        return new Videos(mentions, videoIds, newest);
    }

    /** A {@code commentThreads} answer: each thread's top-level comment is a mention, its reply count the comments. */
    public Comments parseCommentThreads(String body, Instant fetchedAt, Map<EntryIssue, Integer> issues) {
        List<MentionIngested> mentions = new ArrayList<>();
        Instant newest = null;
        for (JsonNode thread : items(body, "youtube#commentThreadListResponse")) {
            try {
                JsonNode snippet = thread.path("snippet");
                JsonNode comment = snippet.path("topLevelComment");
                String commentId = orElse(text(comment.path("id")), text(thread.path("id")));
                if (commentId == null) {
                    count(issues, EntryIssue.NO_ID);
                    continue;
                }
                JsonNode content = comment.path("snippet");
                String videoId = orElse(text(snippet.path("videoId")), text(content.path("videoId")));
                // Comments on a channel itself (no video) have no page of their own; the channel page is the link.
                String channelId = orElse(text(snippet.path("channelId")), text(content.path("channelId")));
                String url = videoId != null ? "https://www.youtube.com/watch?v=" + videoId + "&lc=" + commentId
                        : channelId != null ? "https://www.youtube.com/channel/" + channelId : null;
                if (url == null) {
                    count(issues, EntryIssue.NO_LINK);
                    continue;
                }
                // textDisplay is HTML (links, <br>); textOriginal is only returned to the comment's author.
                String text = PlainText.fromHtml(orElse(text(content.path("textDisplay")), text(content.path("textOriginal"))));
                Instant publishedAt = orElse(instant(text(content.path("publishedAt"))), fetchedAt);
                Author author = new Author(text(content.path("authorDisplayName")),
                        text(content.path("authorChannelId").path("value")), null, null);
                Engagement engagement = new Engagement(number(content.path("likeCount")), null,
                        number(snippet.path("totalReplyCount")), null);
                mentions.add(new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of(SOURCE_TYPE, "comment:" + commentId),
                        List.of(), new MentionSource(SOURCE_TYPE, SOURCE_NAME), url, author, null,
                        bounded(text == null ? "" : text, issues), null, publishedAt, fetchedAt, engagement, null));
                newest = latest(newest, publishedAt);
            } catch (RuntimeException e) {
                count(issues, EntryIssue.UNREADABLE);
            }
        }
        return new Comments(mentions, newest);
    }

    private static JsonNode items(String body, String expectedKind) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode items = root.path("items");
        if (!items.isArray()) {
            throw new IllegalArgumentException("no 'items' array in what should be a " + expectedKind);
        }
        return items;
    }

    private String bounded(String text, Map<EntryIssue, Integer> issues) {
        if (text == null) {
            return "";
        }
        if (text.length() > maxTextLength) {
            count(issues, EntryIssue.TEXT_TRUNCATED);
            return PlainText.truncate(text, maxTextLength);
        }
        return text;
    }

    static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant latest(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void count(Map<EntryIssue, Integer> issues, EntryIssue issue) {
        issues.merge(issue, 1, Integer::sum);
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }

    private static Long number(JsonNode node) {
        return node.isIntegralNumber() && node.longValue() >= 0 ? node.longValue() : null;
    }
}
