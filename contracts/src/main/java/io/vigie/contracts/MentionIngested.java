package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;

/**
 * A mention of a watched brand or topic, as fetched from a source and before any scoring.
 * Keyed on Kafka and stored in OpenSearch by {@link #id()}, so fetching the same post twice yields one mention.
 *
 * @param schemaVersion version of this event's schema ({@link #SCHEMA_VERSION})
 * @param id            stable hash of source type and source-native id, see {@link MentionId}
 * @param watchIds      every watch whose query matched this mention
 * @param source        where the mention was found
 * @param url           link to the original post, review or article
 * @param author        who wrote it, with their reach when the source tells it; may be null
 * @param title         title of the post or article; may be null
 * @param text          plain text of the mention (HTML already stripped)
 * @param language      language declared by the source (ISO 639-1), or null when unknown
 * @param publishedAt   when the source says it was published (event time for windows)
 * @param fetchedAt     when Vigie fetched it
 * @param engagement    likes, shares, comments, views when the source tells them; may be null
 * @param rating        star rating for reviews; null for other mentions
 * @param fingerprint   near-duplicate fingerprint of the normalised text (64-bit SimHash as 16 hex characters), so
 *                      forty copies of one wire story count as one story downstream; null when not computed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MentionIngested(
        int schemaVersion,
        String id,
        List<String> watchIds,
        MentionSource source,
        String url,
        Author author,
        String title,
        String text,
        String language,
        Instant publishedAt,
        Instant fetchedAt,
        Engagement engagement,
        Rating rating,
        String fingerprint) {

    public static final int SCHEMA_VERSION = 1;

    public MentionIngested {
        watchIds = watchIds == null ? List.of() : List.copyOf(watchIds);
    }

    /** A mention without a fingerprint (added in schema 1 as an optional field). */
    public MentionIngested(int schemaVersion, String id, List<String> watchIds, MentionSource source, String url,
                           Author author, String title, String text, String language, Instant publishedAt,
                           Instant fetchedAt, Engagement engagement, Rating rating) {
        this(schemaVersion, id, watchIds, source, url, author, title, text, language, publishedAt, fetchedAt,
                engagement, rating, null);
    }

    /** The same mention for another set of watches. */
    public MentionIngested withWatchIds(List<String> newWatchIds) {
        return new MentionIngested(schemaVersion, id, newWatchIds, source, url, author, title, text, language,
                publishedAt, fetchedAt, engagement, rating, fingerprint);
    }

    /** The same mention with a near-duplicate fingerprint. */
    public MentionIngested withFingerprint(String newFingerprint) {
        return new MentionIngested(schemaVersion, id, watchIds, source, url, author, title, text, language,
                publishedAt, fetchedAt, engagement, rating, newFingerprint);
    }
}
