package io.vigie.ingest.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.fingerprint.SimHash;
import io.vigie.ingest.watch.WatchMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Every fetched item goes through here: matched against all watches, de-duplicated by id, fingerprinted, published
 * once with the set of matching watch ids, and counted as done only once Kafka has acknowledged it.
 */
public class MentionPipeline {

    private static final Logger log = LoggerFactory.getLogger(MentionPipeline.class);

    private final WatchMatcher matcher;
    private final RecentIds recentIds;
    private final MentionSink sink;
    private final Counter publishedCounter;
    private final Counter duplicateCounter;
    private final Counter unmatchedCounter;
    private final Counter failedCounter;

    public MentionPipeline(WatchMatcher matcher, RecentIds recentIds, MentionSink sink, MeterRegistry meters) {
        this.matcher = matcher;
        this.recentIds = recentIds;
        this.sink = sink;
        this.publishedCounter = meters.counter("vigie.ingest.mentions", "outcome", "published");
        this.duplicateCounter = meters.counter("vigie.ingest.mentions", "outcome", "duplicate");
        this.unmatchedCounter = meters.counter("vigie.ingest.mentions", "outcome", "unmatched");
        this.failedCounter = meters.counter("vigie.ingest.mentions", "outcome", "failed");
    }

    /**
     * Publishes a batch and waits until Kafka has acknowledged or refused each mention.
     *
     * @param fetched mentions as connectors map them; their {@code watchIds} are the watches the source is bound
     *                to (empty for most sources), to which every watch whose query matches is added
     */
    public PublishReport publish(List<MentionIngested> fetched) {
        int duplicates = 0;
        int unmatched = 0;
        int failed = 0;
        String failure = null;
        List<Pending> pending = new ArrayList<>(fetched.size());
        for (MentionIngested mention : fetched) {
            List<String> watchIds = watchIdsOf(mention);
            if (watchIds.isEmpty()) {
                unmatched++;
            } else if (!recentIds.add(mention.id())) {
                duplicates++;
            } else if (failure != null) {
                // The producer refused a record outright (no broker within max.block.ms): the rest of the batch
                // would each wait as long, so they fail now and are retried with the next fetch.
                recentIds.forget(mention.id());
                failed++;
            } else {
                CompletableFuture<?> acknowledged = sink.send(fingerprinted(mention).withWatchIds(watchIds));
                if (acknowledged.isCompletedExceptionally()) {
                    failure = awaitAcknowledgement(acknowledged);
                }
                pending.add(new Pending(mention.id(), acknowledged));
            }
        }
        int published = 0;
        for (Pending sent : pending) {
            String problem = awaitAcknowledgement(sent.acknowledged());
            if (problem == null) {
                published++;
            } else {
                recentIds.forget(sent.id());
                failed++;
                failure = failure == null ? problem : failure;
            }
        }
        publishedCounter.increment(published);
        duplicateCounter.increment(duplicates);
        unmatchedCounter.increment(unmatched);
        failedCounter.increment(failed);
        if (failed > 0) {
            log.warn("{} of {} mention(s) not acknowledged by Kafka: {}; check that the brokers in "
                    + "KAFKA_BOOTSTRAP_SERVERS are up", failed, published + failed, failure);
        }
        return new PublishReport(published, duplicates, unmatched, failed, failure);
    }

    private List<String> watchIdsOf(MentionIngested mention) {
        Set<String> ids = new LinkedHashSet<>(mention.watchIds());
        ids.addAll(matcher.matchingWatchIds(mention));
        return List.copyOf(ids);
    }

    /** The text's near-duplicate fingerprint (the title's when there is no text), unless the source set one. */
    private static MentionIngested fingerprinted(MentionIngested mention) {
        if (mention.fingerprint() != null) {
            return mention;
        }
        String fingerprint = SimHash.fingerprint(mention.text());
        return mention.withFingerprint(fingerprint != null ? fingerprint : SimHash.fingerprint(mention.title()));
    }

    private static String awaitAcknowledgement(CompletableFuture<?> acknowledged) {
        try {
            acknowledged.get();
            return null;
        } catch (ExecutionException e) {
            // The template wraps the producer's reason ("Send failed"); the innermost cause says what to fix.
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for Kafka (the service is stopping)";
        }
    }

    private record Pending(String id, CompletableFuture<?> acknowledged) {
    }
}
