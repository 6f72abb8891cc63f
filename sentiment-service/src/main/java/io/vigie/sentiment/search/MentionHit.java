package io.vigie.sentiment.search;

import io.vigie.contracts.Author;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Sentiment;
import io.vigie.sentiment.correction.HumanSentiment;

import java.time.Instant;
import java.util.List;

/**
 * One mention in search results. {@code text} and {@code title} are the plain text as posted (render them as text);
 * {@code highlights} are HTML fragments in which the post's own markup is escaped and only {@code <em>} is markup.
 * {@code sentiment} is the model's; {@code humanSentiment}, when an analyst corrected it, wins over it (it is what the
 * {@code sentiment} filter matches).
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
        HumanSentiment humanSentiment,
        List<String> highlights) {
}
