package io.vigie.ingest.source;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.ingest.publish.PublishReport;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps the outcome of every poll per source instance, for the health API and the metrics. */
@Component
public class SourceHealthRegistry {

    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
    private final MeterRegistry meters;

    public SourceHealthRegistry(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A poll that fetched something (possibly nothing new) and handed it to the publisher. */
    public void recordPoll(SourceInstance instance, Instant polledAt, boolean notModified,
                           Map<EntryIssue, Integer> issues, PublishReport report) {
        String outcome = report.failed() > 0 ? SourceHealth.ERROR : notModified ? SourceHealth.NOT_MODIFIED : SourceHealth.OK;
        String error = report.failed() > 0
                ? report.failed() + " mention(s) not acknowledged by Kafka (" + report.failure()
                  + "); they are retried at the next poll"
                : null;
        issues.forEach((issue, count) -> meters.counter("vigie.ingest.entry.issues",
                "source.type", instance.type(), "issue", issue.code()).increment(count));
        meters.counter("vigie.ingest.polls", "source.type", instance.type(), "outcome", outcome).increment();
        statsOf(instance).record(polledAt, outcome, error, issues, report);
    }

    /** A poll that failed as a whole (HTTP error, timeout, unreadable feed). */
    public void recordError(SourceInstance instance, Instant polledAt, String message) {
        meters.counter("vigie.ingest.polls", "source.type", instance.type(), "outcome", SourceHealth.ERROR).increment();
        statsOf(instance).record(polledAt, SourceHealth.ERROR, message, Map.of(), PublishReport.NOTHING);
    }

    public List<SourceHealth> all() {
        return stats.values().stream().map(Stats::snapshot).sorted(Comparator.comparing(SourceHealth::source)).toList();
    }

    /** @return the health of one instance, or null if it has never been polled */
    public SourceHealth get(String sourceId) {
        Stats found = stats.get(sourceId);
        return found == null ? null : found.snapshot();
    }

    private Stats statsOf(SourceInstance instance) {
        return stats.computeIfAbsent(instance.id(), id -> new Stats(instance));
    }

    private static final class Stats {

        private final SourceInstance instance;
        private Instant lastPollAt;
        private String lastOutcome;
        private String lastError;
        private long polls;
        private long errors;
        private long published;
        private long duplicates;
        private long unmatched;
        private final Map<String, Long> issues = new TreeMap<>();

        Stats(SourceInstance instance) {
            this.instance = instance;
        }

        synchronized void record(Instant polledAt, String outcome, String error, Map<EntryIssue, Integer> newIssues,
                                 PublishReport report) {
            lastPollAt = polledAt;
            lastOutcome = outcome;
            lastError = error;
            polls++;
            if (SourceHealth.ERROR.equals(outcome)) {
                errors++;
            }
            published += report.published();
            duplicates += report.duplicates();
            unmatched += report.unmatched();
            newIssues.forEach((issue, count) -> issues.merge(issue.code(), (long) count, Long::sum));
        }

        synchronized SourceHealth snapshot() {
            return new SourceHealth(instance.id(), instance.type(), instance.target(), lastPollAt, lastOutcome,
                    lastError, polls, errors, published, duplicates, unmatched,
                    Collections.unmodifiableMap(new TreeMap<>(issues)));
        }
    }
}
