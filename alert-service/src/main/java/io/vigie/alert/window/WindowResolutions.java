package io.vigie.alert.window;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The window sizes each watch is counted and judged at ({@code vigie.alert.window.*}, beside {@code size},
 * {@code grace} and {@code sample-mentions} of {@code AlertProperties.Window}).
 *
 * @param resolutions window sizes besides {@code vigie.alert.window.size}, which is always evaluated (15 min and 1 h
 *                    by default: most watches get a few mentions an hour, so shorter windows would sit below every
 *                    count floor, while an hour gives sparse watches a count and shows slower build-ups)
 * @param closeDelay  how long after its end (wall clock) a window that got no newer mention is judged finished:
 *                    mentions reach the stream a little after they are published
 * @param closeCheck  how often (wall clock) finished and silent windows are looked for
 * @param liveCommitEvery how often at most the stream commits early for mentions of windows that can still raise an
 *                    alert ({@link #liveWithin}), instead of waiting for the commit interval (ADR 0031); zero: never
 * @param liveCommitMaxLag no early commit while the stream reads {@code mention-scored} further behind than this (the
 *                    wall clock minus the record's Kafka timestamp): a backlog is caught up at the commit interval
 *                    (ADR 0035)
 */
@ConfigurationProperties("vigie.alert.window")
public record WindowResolutions(@DefaultValue("15m,1h") List<Duration> resolutions,
                                @DefaultValue("2m") Duration closeDelay,
                                @DefaultValue("1m") Duration closeCheck,
                                @DefaultValue("100ms") Duration liveCommitEvery,
                                @DefaultValue("1s") Duration liveCommitMaxLag) {

    public WindowResolutions {
        resolutions = resolutions == null ? List.of() : List.copyOf(resolutions);
        if (resolutions.stream().anyMatch(size -> size == null || size.isZero() || size.isNegative())) {
            throw new IllegalArgumentException("vigie.alert.window.resolutions must be positive durations, e.g. 15m,1h");
        }
        closeDelay = closeDelay == null || closeDelay.isNegative() ? Duration.ZERO : closeDelay;
        if (closeCheck == null || closeCheck.isZero() || closeCheck.isNegative()) {
            throw new IllegalArgumentException("vigie.alert.window.close-check must be a positive duration, e.g. 1m");
        }
        if (liveCommitEvery == null || liveCommitEvery.isNegative()) {
            throw new IllegalArgumentException(
                    "vigie.alert.window.live-commit-every must be zero (never) or a positive duration, e.g. 100ms");
        }
        if (liveCommitMaxLag == null || liveCommitMaxLag.isNegative() || liveCommitMaxLag.isZero()) {
            throw new IllegalArgumentException(
                    "vigie.alert.window.live-commit-max-lag must be a positive duration, e.g. 1s");
        }
    }

    private static final Duration DEFAULT_LIVE_COMMIT_EVERY = Duration.ofMillis(100);
    private static final Duration DEFAULT_LIVE_COMMIT_MAX_LAG = Duration.ofSeconds(1);

    public static WindowResolutions defaults() {
        return new WindowResolutions(List.of(Duration.ofMinutes(15), Duration.ofHours(1)), Duration.ofMinutes(2),
                Duration.ofMinutes(1), DEFAULT_LIVE_COMMIT_EVERY, DEFAULT_LIVE_COMMIT_MAX_LAG);
    }

    /** Only the given sizes, with the default delays. */
    public static WindowResolutions of(Duration... sizes) {
        return new WindowResolutions(List.of(sizes), Duration.ofMinutes(2), Duration.ofMinutes(1),
                DEFAULT_LIVE_COMMIT_EVERY, DEFAULT_LIVE_COMMIT_MAX_LAG);
    }

    /** {@code primary} first, then the other resolutions, shortest first, without duplicates. */
    public List<Duration> sizes(Duration primary) {
        List<Duration> sizes = new ArrayList<>(List.of(primary));
        resolutions.stream().sorted().filter(size -> !sizes.contains(size)).forEach(sizes::add);
        return List.copyOf(sizes);
    }

    /**
     * How old a mention may be (event time, on the wall clock) and still be live: it may still raise an alert, which
     * only the current window and the one before it do, at each size; so two of the longest windows.
     */
    public Duration liveWithin(Duration primary) {
        return sizes(primary).stream().max(Duration::compareTo).orElse(primary).multipliedBy(2);
    }
}
