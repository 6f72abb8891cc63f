package io.vigie.ingest.source.github;

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
 * Maps a page of GitHub's REST issue search ({@code /search/issues}) to mentions: issues and pull requests, with
 * their title, body (Markdown, kept as written), author, reactions and comment count. One bad item is skipped and
 * counted; the rest of the page is kept.
 */
public class GitHubIssueParser {

    static final String SOURCE_TYPE = "github";
    static final String SOURCE_NAME = "GitHub";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int maxTextLength;

    public GitHubIssueParser(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    /**
     * @param items        items on the page, mapped or not (a full page means there may be another one)
     * @param newestUpdate the latest {@code updated_at} of the page: the next search asks from there
     */
    public record Page(List<MentionIngested> mentions, int items, Instant newestUpdate) {
    }

    public Page parse(String body, Instant fetchedAt, Map<EntryIssue, Integer> issues) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode items = root.path("items");
        if (!items.isArray()) {
            throw new IllegalArgumentException("no 'items' array");
        }
        List<MentionIngested> mentions = new ArrayList<>(items.size());
        Instant newest = null;
        for (JsonNode item : items) {
            try {
                Instant updatedAt = instant(text(item.path("updated_at")));
                if (updatedAt != null && (newest == null || updatedAt.isAfter(newest))) {
                    newest = updatedAt;
                }
                MentionIngested mention = toMention(item, fetchedAt, issues);
                if (mention != null) {
                    mentions.add(mention);
                }
            } catch (RuntimeException e) {
                issues.merge(EntryIssue.UNREADABLE, 1, Integer::sum);
            }
        }
        return new Page(mentions, items.size(), newest);
    }

    private MentionIngested toMention(JsonNode item, Instant fetchedAt, Map<EntryIssue, Integer> issues) {
        // The issue's API URL names it for good (repository and number); numeric ids are only unique per kind.
        String nativeId = text(item.path("url"));
        if (nativeId == null) {
            issues.merge(EntryIssue.NO_ID, 1, Integer::sum);
            return null;
        }
        String url = text(item.path("html_url"));
        if (url == null || !url.startsWith("http")) {
            issues.merge(EntryIssue.NO_LINK, 1, Integer::sum);
            return null;
        }
        String text = PlainText.withoutInvalidCharacters(text(item.path("body")));
        text = text == null ? "" : text.strip();
        if (text.length() > maxTextLength) {
            text = PlainText.truncate(text, maxTextLength);
            issues.merge(EntryIssue.TEXT_TRUNCATED, 1, Integer::sum);
        }
        JsonNode user = item.path("user");
        Author author = user.isObject() ? new Author(null, text(user.path("login")), null, null) : null;
        JsonNode reactions = item.path("reactions");
        Engagement engagement = new Engagement(number(reactions.path("total_count")), null,
                number(item.path("comments")), null);
        Instant createdAt = instant(text(item.path("created_at")));
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of(SOURCE_TYPE, nativeId), List.of(),
                new MentionSource(SOURCE_TYPE, SOURCE_NAME), url, author, PlainText.collapseWhitespace(text(item.path("title"))),
                text, null, createdAt == null ? fetchedAt : createdAt, fetchedAt, engagement, null);
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

    private static String text(JsonNode node) {
        return node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }

    private static Long number(JsonNode node) {
        return node.isIntegralNumber() && node.longValue() >= 0 ? node.longValue() : null;
    }
}
