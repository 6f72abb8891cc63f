package io.vigie.alert.window;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * Where one watch stands at one window size, stored per watch: which window is open, which was last judged as
 * finished, and when (wall clock) a mention last reached it. Lets each window be judged complete exactly once,
 * whether the next window's first mention closes it or the wall clock does.
 *
 * @param openStart         start of the newest window that received a mention
 * @param completeStart     start of the newest window already evaluated as finished; null before the first
 * @param lastMentionMillis wall-clock time a mention of the watch last arrived at this processor
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WindowClosing(Instant openStart, Instant completeStart, long lastMentionMillis) {

    public static WindowClosing opened(Instant start, long nowMillis) {
        return new WindowClosing(start, null, nowMillis);
    }

    public boolean isComplete(Instant windowStart) {
        return completeStart != null && !completeStart.isBefore(windowStart);
    }

    public WindowClosing completed(Instant windowStart) {
        return isComplete(windowStart) ? this : new WindowClosing(openStart, windowStart, lastMentionMillis);
    }

    public WindowClosing mentioned(Instant windowStart, long nowMillis) {
        Instant open = openStart == null || windowStart.isAfter(openStart) ? windowStart : openStart;
        return new WindowClosing(open, completeStart, nowMillis);
    }
}
