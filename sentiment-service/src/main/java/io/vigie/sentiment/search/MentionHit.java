package io.vigie.sentiment.search;

import io.vigie.contracts.Author;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Sentiment;

import java.time.Instant;
import java.util.List;

/**
 * One mention in search results. {@code text} and {@code title} are the plain text as posted (render them as text);
 * {@code highlights} are HTML fragments in which the post's own markup is escaped and only {@code <em>} is markup.
 */
public record MentionHit(
        String id,
        String url,
        String title,
        String text,
        String language,
        MentionSource source,
        Author author,
        Instant publishedAt,
        List<String> watchIds,
        Sentiment sentiment,
        List<String> highlights) {
}
