package io.vigie.ingest.source.discourse;

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

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a Discourse forum's JSON API to mentions: latest posts ({@code /posts.json}), the posts of a topic
 * ({@code /t/<id>.json}) and the topic ids of a search ({@code /search.json}). One bad post is skipped and
 * counted; the rest of the page is kept.
 */
public class DiscourseParser {

    static final String SOURCE_TYPE = "discourse";

    /** Discourse's post action type for a like, in {@code actions_summary}. */
    private static final int LIKE_ACTION = 2;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int maxTextLength;

    public DiscourseParser(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    /** @param lowestId the smallest post id of the page (where the next page starts), null when empty */
    public record Posts(List<MentionIngested> mentions, List<Long> postIds, Long lowestId) {
    }

    /** {@code /posts.json}: the forum's latest posts, newest first. */
    public Posts parseLatestPosts(String body, String baseUrl, Instant fetchedAt, long afterId,
                                  Map<EntryIssue, Integer> issues) {
        JsonNode posts = read(body).path("latest_posts");
        if (!posts.isArray()) {
            throw new IllegalArgumentException("no 'latest_posts' array");
        }
        return parsePosts(posts, null, baseUrl, fetchedAt, afterId, issues);
    }

    /** {@code /t/<id>.json}: a topic with the first posts of its stream. */
    public Posts parseTopic(String body, String baseUrl, Instant fetchedAt, long afterId,
                            Map<EntryIssue, Integer> issues) {
        JsonNode topic = read(body);
        JsonNode posts = topic.path("post_stream").path("posts");
        if (!posts.isArray()) {
            throw new IllegalArgumentException("no 'post_stream.posts' array");
        }
        return parsePosts(posts, topic, baseUrl, fetchedAt, afterId, issues);
    }

    /**
     * {@code /search.json}: the ids of the topics found. Current Discourse answers {@code {"posts":[..],"topics":[..]}};
     * older ones (and the discourse_api fixture) a list of typed result groups.
     */
    public List<Long> parseSearchTopicIds(String body) {
        JsonNode root = read(body);
        Set<Long> ids = new LinkedHashSet<>();
        if (root.isArray()) {
            for (JsonNode group : root) {
                if ("topic".equals(text(group.path("type")))) {
                    group.path("results").forEach(result -> addId(ids, result.path("id")));
                }
            }
        } else {
            root.path("posts").forEach(post -> addId(ids, post.path("topic_id")));
            root.path("topics").forEach(topic -> addId(ids, topic.path("id")));
        }
        return List.copyOf(ids);
    }

    private Posts parsePosts(JsonNode posts, JsonNode topic, String baseUrl, Instant fetchedAt, long afterId,
                             Map<EntryIssue, Integer> issues) {
        List<MentionIngested> mentions = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        Long lowest = null;
        String forum = forumName(baseUrl);
        for (JsonNode post : posts) {
            try {
                if (!post.path("id").isIntegralNumber()) {
                    count(issues, EntryIssue.NO_ID);
                    continue;
                }
                long id = post.path("id").longValue();
                lowest = lowest == null ? id : Math.min(lowest, id);
                if (id <= afterId) {
                    continue;
                }
                MentionIngested mention = toMention(post, topic, id, baseUrl, forum, fetchedAt, issues);
                if (mention != null) {
                    mentions.add(mention);
                    ids.add(id);
                }
            } catch (RuntimeException e) {
                count(issues, EntryIssue.UNREADABLE);
            }
        }
        return new Posts(mentions, ids, lowest);
    }

    private MentionIngested toMention(JsonNode post, JsonNode topic, long id, String baseUrl, String forum,
                                      Instant fetchedAt, Map<EntryIssue, Integer> issues) {
        JsonNode topicId = post.path("topic_id").isIntegralNumber() ? post.path("topic_id")
                : topic == null ? post.path("topic_id") : topic.path("id");
        String slug = text(post.path("topic_slug"));
        if (slug == null && topic != null) {
            slug = text(topic.path("slug"));
        }
        JsonNode postNumber = post.path("post_number");
        if (!topicId.isIntegralNumber() || !postNumber.isIntegralNumber()) {
            count(issues, EntryIssue.NO_LINK);
            return null;
        }
        String url = baseUrl + "/t/" + (slug == null ? "-" : slug) + "/" + topicId.longValue() + "/" + postNumber.longValue();
        String text = PlainText.fromHtml(text(post.path("cooked")));
        if (text == null) {
            text = PlainText.collapseWhitespace(text(post.path("raw")));
        }
        text = text == null ? "" : text;
        if (text.length() > maxTextLength) {
            text = PlainText.truncate(text, maxTextLength);
            count(issues, EntryIssue.TEXT_TRUNCATED);
        }
        String title = text(post.path("topic_title"));
        if (title == null && topic != null) {
            title = text(topic.path("title"));
        }
        Instant publishedAt = instant(text(post.path("created_at")));
        Author author = new Author(firstNonNull(text(post.path("name")), text(post.path("display_username"))),
                text(post.path("username")), null, null);
        Engagement engagement = new Engagement(likes(post), null, number(post.path("reply_count")), number(post.path("reads")));
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of(SOURCE_TYPE, baseUrl + "/p/" + id),
                List.of(), new MentionSource(SOURCE_TYPE, forum), url, author, title == null ? null : PlainText.fromHtml(title),
                text, null, publishedAt == null ? fetchedAt : publishedAt, fetchedAt, engagement, null);
    }

    /** {@code like_count} where the forum sends it, else the like action's count. */
    private static Long likes(JsonNode post) {
        Long likeCount = number(post.path("like_count"));
        if (likeCount != null) {
            return likeCount;
        }
        for (JsonNode action : post.path("actions_summary")) {
            if (action.path("id").isIntegralNumber() && action.path("id").longValue() == LIKE_ACTION) {
                return number(action.path("count"));
            }
        }
        return null;
    }

    private static String forumName(String baseUrl) {
        String host = URI.create(baseUrl).getHost();
        return host == null ? baseUrl : host;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void addId(Set<Long> ids, JsonNode id) {
        if (id.isIntegralNumber()) {
            ids.add(id.longValue());
        }
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

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
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
