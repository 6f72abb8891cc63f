package io.vigie.ingest.source;

import java.time.Duration;
import java.util.List;

/**
 * A source Vigie polls: RSS/Atom today, Reddit, Hacker News, Mastodon... later, one package each.
 * A connector only fetches and maps; {@link SourcePoller} schedules it, publishes what it returns and advances its
 * cursor once Kafka has acknowledged every mention, so a connector never has to deal with Kafka or retries.
 */
public interface Connector {

    /** Kind of source, lower-case: the mentions' {@code source.type} and the input of their ids. */
    String type();

    /** Time between two polls of the same instance. */
    Duration pollInterval();

    /** What to poll now (one per feed URL, subreddit, ...); asked again at every cycle, so watches may change. */
    List<SourceInstance> instances();

    /**
     * Fetches what is new since {@code cursor}.
     *
     * @param cursor where the previous acknowledged fetch of this instance ended; {@link SourceCursor#NONE} at first
     * @return the mentions (with {@code watchIds} empty, or set to watches the instance is bound to), and the cursor
     *         to keep once they are all acknowledged
     * @throws SourceFetchException when the whole fetch failed; the message tells the user what to check, and the
     *                              instance is polled again at the next cycle
     */
    FetchResult fetch(SourceInstance instance, SourceCursor cursor) throws SourceFetchException;
}
