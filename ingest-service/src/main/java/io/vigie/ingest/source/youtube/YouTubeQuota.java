package io.vigie.ingest.source.youtube;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Units spent today by one Google project (one API key), since YouTube sends no rate-limit headers: it only answers
 * 403 {@code quotaExceeded} once the day's units are gone, and then nothing works until midnight Pacific time.
 * Units are counted before each call so that the budget is never exceeded. Costs: search 100, commentThreads 1,
 * videos 1. Thread-safe.
 */
public class YouTubeQuota {

    public static final int SEARCH = 100;
    public static final int COMMENT_THREADS = 1;
    public static final String UNIT = "youtube-units";

    /** Google renews YouTube quotas at midnight in this zone. */
    static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    private final long dailyBudget;
    private final Clock clock;
    private LocalDate day;
    private long used;

    public YouTubeQuota(long dailyBudget, Clock clock) {
        this.dailyBudget = dailyBudget;
        this.clock = clock;
        this.day = today();
    }

    /** Spends {@code units} if they fit in today's budget; false (and nothing spent) otherwise. */
    public synchronized boolean trySpend(int units) {
        roll();
        if (used + units > dailyBudget) {
            return false;
        }
        used += units;
        return true;
    }

    /** Google said the quota is gone (403): nothing more is spent today, whatever this count says. */
    public synchronized void exhaust() {
        roll();
        used = Math.max(used, dailyBudget);
    }

    public synchronized long used() {
        roll();
        return used;
    }

    public synchronized long remaining() {
        roll();
        return Math.max(0, dailyBudget - used);
    }

    public long budget() {
        return dailyBudget;
    }

    /** Next midnight, Pacific time. */
    public synchronized Instant resetAt() {
        roll();
        return day.plusDays(1).atStartOfDay(PACIFIC).toInstant();
    }

    private void roll() {
        LocalDate today = today();
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), PACIFIC);
    }
}
