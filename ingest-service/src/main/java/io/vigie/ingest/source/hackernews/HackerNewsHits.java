package io.vigie.ingest.source.hackernews;

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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Maps one page of the Algolia {@code search_by_date} API (stories and comments) to mentions. */
public class HackerNewsHits {

    public static final String SOURCE_TYPE = "hackernews";
    static final String SOURCE_NAME = "Hacker News";
    static final String ITEM_URL = "https://news.ycombinator.com/item?id=";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int maxTextLength;

    public HackerNewsHits(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    /**
     * @throws IllegalArgumentException when the body is not an Algolia result page
     */
    public Page parse(String body, Instant fetchedAt) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode hits = root.path("hits");
        if (!hits.isArray()) {
            throw new IllegalArgumentException("no 'hits' array in the answer");
        }
        List<MentionIngested> mentions = new ArrayList<>();
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        long newest = 0;
        for (JsonNode hit : hits) {
            Instant createdAt = createdAt(hit);
            if (createdAt != null) {
                newest = Math.max(newest, createdAt.getEpochSecond());
            }
            MentionIngested mention = toMention(hit, createdAt, fetchedAt, issues);
            if (mention != null) {
                mentions.add(mention);
            }
        }
        return new Page(mentions, issues, newest == 0 ? null : newest, root.path("nbPages").asInt(1));
    }

    private MentionIngested toMention(JsonNode hit, Instant createdAt, Instant fetchedAt, Map<EntryIssue, Integer> issues) {
        String objectId = string(hit, "objectID");
        if (objectId == null) {
            count(issues, EntryIssue.NO_ID);
            return null;
        }
        if (createdAt == null) {
            count(issues, EntryIssue.UNREADABLE);
            return null;
        }
        boolean comment = hit.hasNonNull("comment_text") || tagged(hit, "comment");
        String title = comment ? null : PlainText.collapseWhitespace(string(hit, "title"));
        String text = PlainText.fromHtml(string(hit, comment ? "comment_text" : "story_text"));
        if (text == null || text.isEmpty()) {
            // A link story has no text of its own: its title is what people read and what gets scored.
            text = title == null ? "" : title;
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
        String storyUrl = comment ? null : string(hit, "url");
        String url = storyUrl != null && (storyUrl.startsWith("https://") || storyUrl.startsWith("http://"))
                ? storyUrl : ITEM_URL + objectId;
        String author = string(hit, "author");
        Engagement engagement = new Engagement(count(hit, "points"), null, count(hit, "num_comments"), null);
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of(SOURCE_TYPE, objectId), List.of(),
                new MentionSource(SOURCE_TYPE, SOURCE_NAME), url,
                author == null ? null : new Author(author, author, null, null),
                title, text, null, createdAt, fetchedAt, engagement, null);
    }

    private static Instant createdAt(JsonNode hit) {
        JsonNode epoch = hit.path("created_at_i");
        if (epoch.isIntegralNumber()) {
            return Instant.ofEpochSecond(epoch.asLong());
        }
        String iso = string(hit, "created_at");
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean tagged(JsonNode hit, String tag) {
        for (JsonNode value : hit.path("_tags")) {
            if (tag.equals(value.isString() ? value.stringValue() : null)) {
                return true;
            }
        }
        return false;
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isString()) {
            return value.stringValue().isBlank() ? null : value.stringValue();
        }
        return value.isIntegralNumber() ? value.asString() : null;
    }

    private static Long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.asLong() >= 0 ? value.asLong() : null;
    }

    private static void count(Map<EntryIssue, Integer> issues, EntryIssue issue) {
        issues.merge(issue, 1, Integer::sum);
    }

    /**
     * @param mentions      the items that could be mapped
     * @param issues        items skipped or repaired, by reason
     * @param newestCreated creation time (epoch seconds) of the newest item, null when the page is empty
     * @param pages         how many pages the search has in all
     */
    public record Page(List<MentionIngested> mentions, Map<EntryIssue, Integer> issues, Long newestCreated,
                       int pages) {
    }
}
