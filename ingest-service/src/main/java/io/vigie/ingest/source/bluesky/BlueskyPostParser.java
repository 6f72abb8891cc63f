package io.vigie.ingest.source.bluesky;

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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps one page of {@code app.bsky.feed.searchPosts} to mentions. A post without an AT URI or handle is skipped and
 * counted; the rest of the page is kept.
 */
public class BlueskyPostParser {

    static final String SOURCE_TYPE = "bluesky";
    static final String SOURCE_NAME = "Bluesky";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int maxTextLength;

    public BlueskyPostParser(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    /**
     * @param cursor the server's cursor for the next page, null on the last page
     * @param newest the newest sort time of the page ({@code sortAt}: the earlier of createdAt and indexedAt, which
     *               is what the {@code since} parameter filters on), null when the page is empty
     */
    public record Page(List<MentionIngested> mentions, Map<EntryIssue, Integer> issues, String cursor, Instant newest) {
    }

    /** @throws IllegalArgumentException when the body is not a searchPosts answer at all */
    public Page parse(String body, Instant fetchedAt) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode posts = root.path("posts");
        if (!posts.isArray()) {
            throw new IllegalArgumentException("no 'posts' array");
        }
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        List<MentionIngested> mentions = new ArrayList<>(posts.size());
        Instant newest = null;
        for (JsonNode post : posts) {
            try {
                MentionIngested mention = toMention(post, fetchedAt, issues);
                if (mention == null) {
                    continue;
                }
                mentions.add(mention);
                Instant sortAt = earliest(mention.publishedAt(), instant(text(post.path("indexedAt"))));
                if (newest == null || sortAt.isAfter(newest)) {
                    newest = sortAt;
                }
            } catch (RuntimeException e) {
                issues.merge(EntryIssue.UNREADABLE, 1, Integer::sum);
            }
        }
        return new Page(mentions, issues, text(root.path("cursor")), newest);
    }

    private MentionIngested toMention(JsonNode post, Instant fetchedAt, Map<EntryIssue, Integer> issues) {
        String uri = text(post.path("uri"));
        if (uri == null) {
            issues.merge(EntryIssue.NO_ID, 1, Integer::sum);
            return null;
        }
        JsonNode author = post.path("author");
        String handle = text(author.path("handle"));
        String rkey = uri.substring(uri.lastIndexOf('/') + 1);
        if (handle == null || rkey.isBlank() || !uri.startsWith("at://")) {
            issues.merge(EntryIssue.NO_LINK, 1, Integer::sum);
            return null;
        }
        JsonNode record = post.path("record");
        String text = PlainText.withoutInvalidCharacters(text(record.path("text")));
        if (text == null) {
            text = "";
        }
        if (text.length() > maxTextLength) {
            text = PlainText.truncate(text, maxTextLength);
            issues.merge(EntryIssue.TEXT_TRUNCATED, 1, Integer::sum);
        }
        Instant createdAt = instant(text(record.path("createdAt")));
        Instant indexedAt = instant(text(post.path("indexedAt")));
        // createdAt is set by the author's client and may be anything; the AppView's indexing time bounds it.
        Instant publishedAt = createdAt == null ? indexedAt : earliest(createdAt, indexedAt);
        if (publishedAt == null) {
            publishedAt = fetchedAt;
        }
        String url = "https://bsky.app/profile/" + handle + "/post/" + rkey;
        Author who = new Author(blankToNull(text(author.path("displayName"))), handle, null, null);
        Engagement engagement = new Engagement(count(post.path("likeCount")), count(post.path("repostCount")),
                count(post.path("replyCount")), null);
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of(SOURCE_TYPE, uri), List.of(),
                new MentionSource(SOURCE_TYPE, SOURCE_NAME), url, who, null, text, language(record.path("langs")),
                publishedAt, fetchedAt, engagement, null);
    }

    /** The first declared language, as ISO 639-1 ({@code en-US} becomes {@code en}). */
    static String language(JsonNode langs) {
        if (!langs.isArray() || langs.isEmpty()) {
            return null;
        }
        String tag = text(langs.path(0));
        if (tag == null) {
            return null;
        }
        String primary = tag.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2}") ? primary : null;
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

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Long count(JsonNode node) {
        return node.isIntegralNumber() && node.longValue() >= 0 ? node.longValue() : null;
    }
}
