package io.vigie.ingest.source;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vigie.ingest.publish.PublishReport;
import io.vigie.ingest.source.http.SourceHttpClient;
import io.vigie.ingest.source.http.SourceQuota;
import io.vigie.ingest.source.http.SourceQuotas;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps the outcome of every poll per source instance, for the health API and the {@code vigie_source_*} metrics
 * (tagged {@code source} and {@code type}).
 */
@Component
public class SourceHealthRegistry {

    /** A source is silent after this many of its usual gaps between items without anything new. */
    static final int SILENCE_FACTOR = 3;
    /** Gaps needed before the rhythm of a source is trusted. */
    static final int MIN_GAPS = 4;
    /** Publication times remembered per instance, for the rhythm and the rate. */
    static final int REMEMBERED_ITEMS = 500;
    static final Duration RATE_WINDOW = Duration.ofHours(1);

    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Clock clock;
    private final Function<String, String> breakerStates;
    private final SourceQuotas quotas;

    @Autowired
    public SourceHealthRegistry(MeterRegistry meters, Clock clock, SourceHttpClient http, SourceQuotas quotas) {
        this(meters, clock, http::breakerState, quotas);
    }

    public SourceHealthRegistry(MeterRegistry meters) {
        this(meters, Clock.systemUTC(), id -> null, new SourceQuotas());
    }

    public SourceHealthRegistry(MeterRegistry meters, Clock clock, Function<String, String> breakerStates,
                                SourceQuotas quotas) {
        this.meters = meters;
        this.clock = clock;
        this.breakerStates = breakerStates;
        this.quotas = quotas;
    }

    /** A poll that fetched something (possibly nothing new) and handed it to the publisher. */
    public void recordPoll(SourceInstance instance, Instant polledAt, boolean notModified,
                           Map<EntryIssue, Integer> issues, PublishReport report) {
        String outcome = report.failed() > 0 ? SourceHealth.ERROR : notModified ? SourceHealth.NOT_MODIFIED : SourceHealth.OK;
        record(instance, polledAt, outcome, null, issues, report, List.of(), null);
    }

    /** A poll that failed as a whole (HTTP error, timeout, unreadable feed). */
    public void recordError(SourceInstance instance, Instant polledAt, String message) {
        record(instance, polledAt, SourceHealth.ERROR, message, Map.of(), PublishReport.NOTHING, List.of(), null);
    }

    /**
     * Any poll, with the publication times of the items it fetched (for lag, rate and silence).
     *
     * @param outcome      one of the {@link SourceHealth} outcomes; a poll whose mentions were not all acknowledged
     *                     is recorded as an error whatever this says
     * @param error        what went wrong, null when nothing did
     * @param pollInterval the instance's interval, the shortest rhythm a source can be judged on; null when it is
     *                     not polled on a schedule
     */
    public void record(SourceInstance instance, Instant polledAt, String outcome, String error,
                       Map<EntryIssue, Integer> issues, PublishReport report, Collection<Instant> itemTimes,
                       Duration pollInterval) {
        String finalOutcome = report.failed() > 0 ? SourceHealth.ERROR : outcome;
        String finalError = report.failed() > 0
                ? report.failed() + " mention(s) not acknowledged by Kafka (" + report.failure()
                  + "); they are retried at the next poll"
                : error;
        issues.forEach((issue, count) -> meters.counter("vigie.ingest.entry.issues",
                "source.type", instance.type(), "issue", issue.code()).increment(count));
        meters.counter("vigie.ingest.polls", "source.type", instance.type(), "outcome", finalOutcome).increment();
        Tags tags = Tags.of("source", instance.id(), "type", instance.type());
        meters.counter("vigie.source.polls", tags.and("outcome", finalOutcome)).increment();
        meters.counter("vigie.source.items", tags).increment(itemTimes.size());
        meters.counter("vigie.source.published", tags).increment(report.published());
        statsOf(instance).record(polledAt, finalOutcome, finalError, issues, report, itemTimes, pollInterval);
    }

    /** The watches of a polled instance changed how often it is polled. */
    public void pollIntervalChanged(String sourceId, Duration pollInterval) {
        Stats found = stats.get(sourceId);
        if (found != null) {
            found.pollIntervalChanged(pollInterval);
        }
    }

    public List<SourceHealth> all() {
        return stats.values().stream().map(this::snapshot).sorted(Comparator.comparing(SourceHealth::source)).toList();
    }

    /** @return the health of one instance, or null if it has never been polled */
    public SourceHealth get(String sourceId) {
        Stats found = stats.get(sourceId);
        return found == null ? null : snapshot(found);
    }

    private SourceHealth snapshot(Stats found) {
        return found.snapshot(clock.instant(), breakerStates.apply(found.instance.id()), quotas.get(found.instance.id()));
    }

    private Stats statsOf(SourceInstance instance) {
        return stats.computeIfAbsent(instance.id(), id -> {
            Stats created = new Stats(instance);
            Tags tags = Tags.of("source", instance.id(), "type", instance.type());
            Gauge.builder("vigie.source.lag", created, s -> nanIfNull(get(id).lagSeconds()))
                    .baseUnit("seconds").description("age of the newest item fetched from the source").tags(tags).register(meters);
            Gauge.builder("vigie.source.last.success", created, s -> epochSeconds(get(id).lastSuccessAt()))
                    .baseUnit("seconds").description("when the source was last polled successfully (epoch)").tags(tags).register(meters);
            Gauge.builder("vigie.source.items.per.minute", created, s -> get(id).itemsPerMinute())
                    .description("items the source published over the last hour, per minute").tags(tags).register(meters);
            Gauge.builder("vigie.source.silent", created, s -> get(id).silent() ? 1 : 0)
                    .description("1 when the source has been quiet for longer than its usual rhythm").tags(tags).register(meters);
            Gauge.builder("vigie.source.circuit.open", created, s -> "open".equals(breakerStates.apply(id)) ? 1 : 0)
                    .description("1 while the source's circuit breaker refuses calls").tags(tags).register(meters);
            Gauge.builder("vigie.source.quota.remaining", created, s -> remaining(quotas.get(id)))
                    .description("what is left of the source's allowance").tags(tags).register(meters);
            Gauge.builder("vigie.source.consecutive.errors", created, s -> get(id).consecutiveErrors())
                    .description("failed polls since the last one that went well").tags(tags).register(meters);
            return created;
        });
    }

    private static double nanIfNull(Long value) {
        return value == null ? Double.NaN : value;
    }

    private static double epochSeconds(Instant instant) {
        return instant == null ? Double.NaN : instant.getEpochSecond();
    }

    private static double remaining(SourceQuota quota) {
        return quota == null || quota.remaining() == null ? Double.NaN : quota.remaining();
    }

    private static final class Stats {

        private final SourceInstance instance;
        private Instant lastPollAt;
        private String lastOutcome;
        private String lastError;
        private Instant lastSuccessAt;
        private long polls;
        private long errors;
        private long consecutiveErrors;
        private long rateLimited;
        private long published;
        private long duplicates;
        private long unmatched;
        private Duration pollInterval;
        private final Map<String, Long> issues = new TreeMap<>();
        private final NavigableSet<Instant> itemTimes = new TreeSet<>();

        Stats(SourceInstance instance) {
            this.instance = instance;
        }

        synchronized void record(Instant polledAt, String outcome, String error, Map<EntryIssue, Integer> newIssues,
                                 PublishReport report, Collection<Instant> times, Duration interval) {
            lastPollAt = polledAt;
            lastOutcome = outcome;
            lastError = error;
            pollInterval = interval;
            polls++;
            if (SourceHealth.succeeded(outcome)) {
                lastSuccessAt = polledAt;
                consecutiveErrors = 0;
            } else {
                errors++;
                consecutiveErrors++;
            }
            if (SourceHealth.RATE_LIMITED.equals(outcome)) {
                rateLimited++;
            }
            published += report.published();
            duplicates += report.duplicates();
            unmatched += report.unmatched();
            newIssues.forEach((issue, count) -> issues.merge(issue.code(), (long) count, Long::sum));
            itemTimes.addAll(times);
            while (itemTimes.size() > REMEMBERED_ITEMS) {
                itemTimes.pollFirst();
            }
        }

        synchronized void pollIntervalChanged(Duration interval) {
            pollInterval = interval;
        }

        synchronized SourceHealth snapshot(Instant now, String breakerState, SourceQuota quota) {
            Instant newest = itemTimes.isEmpty() ? null : itemTimes.last();
            Long lag = newest == null ? null : Math.max(0, Duration.between(newest, now).toSeconds());
            long recent = itemTimes.tailSet(now.minus(RATE_WINDOW), true).headSet(now, true).size();
            double perMinute = Math.round(recent * 100.0 / RATE_WINDOW.toMinutes()) / 100.0;
            return new SourceHealth(instance.id(), instance.type(), instance.target(), pollInterval, lastPollAt,
                    lastOutcome,
                    lastError, polls, errors, published, duplicates, unmatched,
                    Collections.unmodifiableMap(new TreeMap<>(issues)), lastSuccessAt, newest, lag, perMinute,
                    silent(now), consecutiveErrors, rateLimited, breakerState, quota);
        }

        /** Quiet for longer than {@link #SILENCE_FACTOR} times the median gap between its items (or poll interval). */
        private boolean silent(Instant now) {
            if (itemTimes.size() < MIN_GAPS + 1) {
                return false;
            }
            List<Duration> gaps = new ArrayList<>();
            Instant previous = null;
            for (Instant time : itemTimes) {
                if (previous != null) {
                    gaps.add(Duration.between(previous, time));
                }
                previous = time;
            }
            Collections.sort(gaps);
            Duration usual = gaps.get(gaps.size() / 2);
            if (pollInterval != null && usual.compareTo(pollInterval) < 0) {
                usual = pollInterval;
            }
            return Duration.between(itemTimes.last(), now).compareTo(usual.multipliedBy(SILENCE_FACTOR)) > 0;
        }
    }
}
