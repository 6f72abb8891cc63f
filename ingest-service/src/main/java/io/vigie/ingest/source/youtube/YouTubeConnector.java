package io.vigie.ingest.source.youtube;

import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.config.HumanUnits;
import io.vigie.ingest.credential.Credentials;
import io.vigie.ingest.source.Connector;
import io.vigie.ingest.source.EntryIssue;
import io.vigie.ingest.source.FetchResult;
import io.vigie.ingest.source.SourceCursor;
import io.vigie.ingest.source.SourceFetchException;
import io.vigie.ingest.source.SourceInstance;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceQuota;
import io.vigie.ingest.source.http.SourceQuotas;
import io.vigie.ingest.source.http.SourceRateLimitedException;
import io.vigie.ingest.watch.SourceBinding;
import io.vigie.ingest.watch.WatchSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * YouTube videos and their comments: one instance per channel ({@code channels} setting, channel ids) or search
 * ({@code search} setting) of the watches. Each poll runs one {@code search} ({@code order=date}, from a
 * {@code publishedAfter} watermark; 100 units) and then {@code commentThreads} (1 unit each) for the recent videos,
 * so that comments on a video keep coming in after it was found. The API key comes from the watch's
 * {@code credentialRef}; units are counted per key against {@code vigie.ingest.youtube.daily-quota}.
 */
@Component
public class YouTubeConnector implements Connector {

    static final String PUBLISHED_AFTER = "publishedAfter";
    static final String COMMENTS_AFTER = "commentsAfter";
    static final String VIDEOS = "videos";

    private static final Logger log = LoggerFactory.getLogger(YouTubeConnector.class);
    private static final String CHANNEL = "channel:";
    private static final String SEARCH = "search:";

    private final WatchSources watches;
    private final Credentials credentials;
    private final SourceHttpClient http;
    private final SourceQuotas quotas;
    private final YouTubeProperties settings;
    private final YouTubeParser parser;
    private final Clock clock;
    /** Credential reference of each instance, as of the last {@link #instances()}: watches may change it. */
    private volatile Map<String, String> credentialRefs = Map.of();
    private final Map<String, YouTubeQuota> unitsByCredential = new ConcurrentHashMap<>();

    public YouTubeConnector(WatchSources watches, Credentials credentials, SourceHttpClient http, SourceQuotas quotas,
                            YouTubeProperties settings, Clock clock) {
        this.watches = watches;
        this.credentials = credentials;
        this.http = http;
        this.quotas = quotas;
        this.settings = settings;
        this.parser = new YouTubeParser(settings.maxTextLength());
        this.clock = clock;
    }

    @Override
    public String type() {
        return YouTubeParser.SOURCE_TYPE;
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public List<SourceInstance> instances() {
        Map<String, SourceInstance> instances = new LinkedHashMap<>();
        Map<String, String> refs = new HashMap<>();
        for (SourceBinding binding : watches.bindings(type())) {
            for (String channel : binding.source().setting("channels")) {
                add(instances, refs, CHANNEL, channel, binding);
            }
            for (String query : binding.source().setting("search")) {
                add(instances, refs, SEARCH, query, binding);
            }
        }
        credentialRefs = Map.copyOf(refs);
        return List.copyOf(instances.values());
    }

    private void add(Map<String, SourceInstance> instances, Map<String, String> refs, String kind, String value,
                     SourceBinding binding) {
        if (value == null || value.isBlank()) {
            return;
        }
        SourceInstance instance = SourceInstance.of(type(), kind + value.strip(), binding.pollIntervalOr(pollInterval()));
        instances.merge(instance.id(), instance, SourceInstance::sharedWith);
        if (binding.source().credentialRef() != null) {
            refs.putIfAbsent(instance.id(), binding.source().credentialRef());
        }
    }

    @Override
    public FetchResult fetch(SourceInstance instance, SourceCursor cursor) throws SourceFetchException {
        String ref = credentialRefs.get(instance.id());
        if (ref == null) {
            throw new SourceFetchException("YouTube needs an API key: give the watch's youtube source a credentialRef "
                    + "naming a YouTube Data API v3 key (Google Cloud console > APIs & Services > Credentials)");
        }
        String key;
        try {
            key = credentials.require(ref);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new SourceFetchException("YouTube API key for " + instance.id() + ": " + e.getMessage(), e);
        }
        YouTubeQuota units = unitsByCredential.computeIfAbsent(ref, r -> new YouTubeQuota(settings.dailyQuota(), clock));
        try {
            return fetch(instance, cursor, key, units);
        } finally {
            quotas.report(instance, new SourceQuota(YouTubeQuota.UNIT, units.remaining(), units.budget(),
                    units.resetAt(), clock.instant()));
        }
    }

    private FetchResult fetch(SourceInstance instance, SourceCursor cursor, String key, YouTubeQuota units)
            throws SourceFetchException {
        Instant fetchedAt = clock.instant();
        if (!units.trySpend(YouTubeQuota.SEARCH)) {
            throw exhausted(units, "search");
        }
        Map<String, String> headers = Map.of("X-Goog-Api-Key", key, "Accept", "application/json");
        Map<EntryIssue, Integer> issues = new EnumMap<>(EntryIssue.class);
        YouTubeParser.Videos videos;
        try {
            videos = parser.parseSearch(search(instance, cursor, headers, units), fetchedAt, issues);
        } catch (IllegalArgumentException e) {
            throw unreadable(instance, e);
        }
        List<MentionIngested> mentions = new ArrayList<>(videos.mentions());

        Set<String> tracked = new LinkedHashSet<>(videos.videoIds());
        String previous = cursor.get(VIDEOS);
        if (previous != null && !previous.isBlank()) {
            tracked.addAll(Arrays.asList(previous.split(",")));
        }
        List<String> recent = tracked.stream().limit(settings.trackedVideos()).toList();
        Instant commentsAfter = instant(cursor.get(COMMENTS_AFTER));
        Instant newestComment = commentsAfter;
        boolean allComments = true;
        for (String videoId : recent) {
            if (!units.trySpend(YouTubeQuota.COMMENT_THREADS)) {
                allComments = false;
                log.warn("source '{}': {}; comments of {} video(s) are read at a later poll", instance.id(),
                        exhaustedMessage(units, "comments"), recent.size() - recent.indexOf(videoId));
                break;
            }
            YouTubeParser.Comments comments;
            try {
                comments = parser.parseCommentThreads(http.get(instance, commentsUri(videoId), headers).text(),
                        fetchedAt, issues);
            } catch (SourceRateLimitedException e) {
                allComments = false;
                break;
            } catch (SourceFetchException e) {
                // Comments turned off (403) or the video removed (404): the other videos are still read.
                log.info("source '{}': no comments for video {}: {}", instance.id(), videoId, e.getMessage());
                continue;
            } catch (IllegalArgumentException e) {
                issues.merge(EntryIssue.UNREADABLE, 1, Integer::sum);
                continue;
            }
            for (MentionIngested comment : comments.mentions()) {
                if (commentsAfter == null || comment.publishedAt().isAfter(commentsAfter)) {
                    mentions.add(comment);
                }
            }
            if (comments.newest() != null && (newestComment == null || comments.newest().isAfter(newestComment))) {
                newestComment = comments.newest();
            }
        }
        return new FetchResult(mentions, next(cursor, videos.newest(), recent, allComments ? newestComment : commentsAfter),
                false, issues);
    }

    private String search(SourceInstance instance, SourceCursor cursor, Map<String, String> headers, YouTubeQuota units)
            throws SourceFetchException {
        try {
            return http.get(instance, searchUri(instance, cursor.get(PUBLISHED_AFTER)), headers).text();
        } catch (SourceFetchException e) {
            // An invalid key is a 400; a 403 on search means Google counts the day's quota as spent (another app on
            // the same project, or a restart that lost this count) or the API is not enabled: retrying cannot help today.
            if (!e.getMessage().startsWith("HTTP 403 ")) {
                throw e;
            }
            units.exhaust();
            throw new SourceRateLimitedException("YouTube refused the search of " + instance.id() + " (HTTP 403): "
                    + "Google counts today's quota as used up (another application using the same Google project, or "
                    + "a restart of Vigie that lost its count), or the YouTube Data API v3 is not enabled for the key's "
                    + "project; not called again before midnight Pacific time (" + units.resetAt() + ")", units.resetAt());
        }
    }

    private static SourceCursor next(SourceCursor cursor, Instant newestVideo, List<String> recent, Instant commentsAfter) {
        Map<String, String> values = new HashMap<>(cursor.values());
        Instant publishedAfter = instant(cursor.get(PUBLISHED_AFTER));
        if (newestVideo != null && (publishedAfter == null || newestVideo.isAfter(publishedAfter))) {
            values.put(PUBLISHED_AFTER, newestVideo.toString());
        }
        if (!recent.isEmpty()) {
            values.put(VIDEOS, String.join(",", recent));
        }
        if (commentsAfter != null) {
            values.put(COMMENTS_AFTER, commentsAfter.toString());
        }
        return new SourceCursor(values);
    }

    private URI searchUri(SourceInstance instance, String publishedAfter) {
        StringBuilder uri = new StringBuilder(settings.baseUrl().toString())
                .append("/search?part=snippet&type=video&order=date&maxResults=").append(settings.maxResults());
        String target = instance.target();
        if (target.startsWith(CHANNEL)) {
            uri.append("&channelId=").append(encode(target.substring(CHANNEL.length())));
        } else {
            uri.append("&q=").append(encode(target.substring(SEARCH.length())));
        }
        if (publishedAfter != null) {
            uri.append("&publishedAfter=").append(encode(publishedAfter));
        }
        return URI.create(uri.toString());
    }

    private URI commentsUri(String videoId) {
        return URI.create(settings.baseUrl() + "/commentThreads?part=snippet&order=time&maxResults=100&textFormat=html&videoId="
                + encode(videoId));
    }

    private SourceRateLimitedException exhausted(YouTubeQuota units, String what) {
        return new SourceRateLimitedException(exhaustedMessage(units, what), units.resetAt());
    }

    private String exhaustedMessage(YouTubeQuota units, String what) {
        Instant reset = units.resetAt();
        return "YouTube daily quota nearly used up (" + units.used() + " of " + units.budget() + " units today, "
                + "vigie.ingest.youtube.daily-quota): no " + what + " until it renews at midnight Pacific time ("
                + reset + ", in " + HumanUnits.of(Duration.between(clock.instant(), reset)) + "); poll fewer "
                + "channels or searches, raise vigie.ingest.youtube.poll-interval, or ask Google for more quota";
    }

    private static SourceFetchException unreadable(SourceInstance instance, IllegalArgumentException e) {
        return new SourceFetchException("YouTube answered something that is not a search result for " + instance.id()
                + " (" + e.getMessage() + "); check vigie.ingest.youtube.base-url", e);
    }

    private static Instant instant(String value) {
        return YouTubeParser.instant(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
