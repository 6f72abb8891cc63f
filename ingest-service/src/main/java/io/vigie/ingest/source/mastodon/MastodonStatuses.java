package io.vigie.ingest.source.mastodon;

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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Maps Mastodon statuses (a timeline's array, or the {@code statuses} of {@code /api/v2/search}) to mentions.
 * A status's id is its ActivityPub {@code uri}, the same on every server, so one toot read through two servers is
 * one mention.
 */
public class MastodonStatuses {

    public static final String SOURCE_TYPE = "mastodon";

    /** Status ids are numeric strings of growing length: compare by length, then by digits. */
    static final Comparator<String> ID_ORDER = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int maxTextLength;

    public MastodonStatuses(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    /**
     * @param body       a JSON array of statuses, or a search result object with a {@code statuses} array
     * @param sourceName the server the statuses were read on, e.g. {@code mastodon.social}
     * @throws IllegalArgumentException when the body holds no statuses array
     */
    public Page parse(String body, String sourceName, Instant fetchedAt) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode statuses = root.isObject() ? root.path("statuses") : root;
        if (!statuses.isArray()) {
            throw new IllegalArgumentException("no array of statuses in the answer");
        }
        List<MentionIngested> mentions = new ArrayList<>();
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        String newest = null;
        for (JsonNode status : statuses) {
            String localId = string(status, "id");
            if (localId != null && (newest == null || ID_ORDER.compare(localId, newest) > 0)) {
                newest = localId;
            }
            MentionIngested mention = toMention(status, sourceName, fetchedAt, issues);
            if (mention != null) {
                mentions.add(mention);
            }
        }
        return new Page(mentions, issues, newest, statuses.size());
    }

    private MentionIngested toMention(JsonNode listed, String sourceName, Instant fetchedAt, Map<EntryIssue, Integer> issues) {
        // A boost is listed as a wrapper: the mention is the boosted status, whoever boosted it.
        JsonNode status = listed.path("reblog").isObject() ? listed.path("reblog") : listed;
        String uri = string(status, "uri");
        if (uri == null) {
            count(issues, EntryIssue.NO_ID);
            return null;
        }
        String url = string(status, "url");
        if (url == null) {
            url = uri;
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            count(issues, EntryIssue.NO_LINK);
            return null;
        }
        Instant createdAt = instant(string(status, "created_at"));
        if (createdAt == null) {
            count(issues, EntryIssue.UNREADABLE);
            return null;
        }
        String text = PlainText.fromHtml(string(status, "content"));
        if (text == null) {
            text = "";
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
        // A content warning is what readers see first, so it plays the part of a title.
        String title = PlainText.collapseWhitespace(string(status, "spoiler_text"));
        Engagement engagement = new Engagement(nonNegative(status, "favourites_count"),
                nonNegative(status, "reblogs_count"), nonNegative(status, "replies_count"), null);
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of(SOURCE_TYPE, uri), List.of(),
                new MentionSource(SOURCE_TYPE, sourceName), url, author(status.path("account")), title, text,
                string(status, "language"), createdAt, fetchedAt, engagement, null);
    }

    private static Author author(JsonNode account) {
        String acct = string(account, "acct");
        if (acct == null) {
            return null;
        }
        String displayName = PlainText.collapseWhitespace(string(account, "display_name"));
        return new Author(displayName == null ? string(account, "username") : displayName, "@" + acct,
                nonNegative(account, "followers_count"), null);
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
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
     * @param mentions the statuses that could be mapped
     * @param issues   statuses skipped or repaired, by reason
     * @param newest   the server's id of the newest status listed, null when the page is empty
     * @param size     how many statuses the page had, mapped or not
     */
    public record Page(List<MentionIngested> mentions, Map<EntryIssue, Integer> issues, String newest, int size) {
    }
}
