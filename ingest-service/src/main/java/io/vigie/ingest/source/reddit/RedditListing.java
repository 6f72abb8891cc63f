package io.vigie.ingest.source.reddit;

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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Maps one Reddit {@code Listing} of posts ({@code t3}) and comments ({@code t1}) to mentions. */
public class RedditListing {

    public static final String SOURCE_TYPE = "reddit";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String webUrl;
    private final int maxTextLength;

    /**
     * @param webUrl        prefix of permalinks, e.g. {@code https://www.reddit.com}
     * @param maxTextLength characters kept of one text
     */
    public RedditListing(String webUrl, int maxTextLength) {
        this.webUrl = webUrl.endsWith("/") ? webUrl.substring(0, webUrl.length() - 1) : webUrl;
        this.maxTextLength = maxTextLength;
    }

    /**
     * @throws IllegalArgumentException when the body is not a Reddit listing
     */
    public Page parse(String body, Instant fetchedAt) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode children = root.path("data").path("children");
        if (!"Listing".equals(string(root, "kind")) || !children.isArray()) {
            throw new IllegalArgumentException("not a Reddit listing (no data.children)");
        }
        List<MentionIngested> mentions = new ArrayList<>();
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        String newest = null;
        for (JsonNode child : children) {
            String fullname = string(child.path("data"), "name");
            if (newest == null && fullname != null) {
                // Listings are sorted newest first: the first fullname is where the next poll starts from.
                newest = fullname;
            }
            MentionIngested mention = toMention(child, fullname, fetchedAt, issues);
            if (mention != null) {
                mentions.add(mention);
            }
        }
        return new Page(mentions, issues, newest, children.size());
    }

    private MentionIngested toMention(JsonNode child, String fullname, Instant fetchedAt, Map<EntryIssue, Integer> issues) {
        String kind = string(child, "kind");
        JsonNode data = child.path("data");
        if (fullname == null) {
            count(issues, EntryIssue.NO_ID);
            return null;
        }
        String permalink = string(data, "permalink");
        if (permalink == null || !permalink.startsWith("/")) {
            count(issues, EntryIssue.NO_LINK);
            return null;
        }
        JsonNode created = data.path("created_utc");
        if (!created.isNumber() || !("t3".equals(kind) || "t1".equals(kind))) {
            count(issues, EntryIssue.UNREADABLE);
            return null;
        }
        boolean post = "t3".equals(kind);
        String title = PlainText.collapseWhitespace(string(data, post ? "title" : "link_title"));
        String text = string(data, post ? "selftext" : "body");
        if (text == null || text.isBlank()) {
            // A link post has no body: its title is what people read and what gets scored.
            text = post && title != null ? title : "";
        }
        int invalid = PlainText.countInvalidCharacters(text);
        if (invalid > 0) {
            text = PlainText.withoutInvalidCharacters(text);
            issues.merge(EntryIssue.INVALID_CHARACTERS, invalid, Integer::sum);
        }
        if (text.length() > maxTextLength) {
            text = PlainText.truncate(text, maxTextLength);
            count(issues, EntryIssue.TEXT_TRUNCATED);
        }
        String author = string(data, "author");
        String subreddit = string(data, "subreddit");
        Engagement engagement = new Engagement(nonNegative(data, "score"), null,
                post ? nonNegative(data, "num_comments") : null, null);
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of(SOURCE_TYPE, fullname), List.of(),
                new MentionSource(SOURCE_TYPE, subreddit == null ? "reddit" : "r/" + subreddit),
                webUrl + permalink,
                author == null || "[deleted]".equals(author) ? null : new Author(author, "u/" + author, null, null),
                title, text, null, Instant.ofEpochMilli((long) (created.asDouble() * 1000)), fetchedAt, engagement, null);
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
    }

    private static Long nonNegative(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.asLong() >= 0 ? value.asLong() : null;
    }

    private static void count(Map<EntryIssue, Integer> issues, EntryIssue issue) {
        issues.merge(issue, 1, Integer::sum);
    }

    /**
     * @param mentions the items that could be mapped
     * @param issues   items skipped or repaired, by reason
     * @param newest   fullname of the newest item ({@code t3_...}), null when the page is empty
     * @param size     how many items the page had, mapped or not
     */
    public record Page(List<MentionIngested> mentions, Map<EntryIssue, Integer> issues, String newest, int size) {
    }
}
