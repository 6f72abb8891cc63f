package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;

import java.util.Optional;

/**
 * Decides whether one window of a watch deviates from that watch's history. Pure: no Kafka, no clock, so the same
 * detector runs in the live topology and over a replayed series (backtest).
 */
public interface Detector {

    /** Stable name, part of the alert id, e.g. {@code negative-surge}. */
    String name();

    /**
     * @param current the window being evaluated, possibly still filling up
     * @param history the watch's earlier windows, oldest first
     * @return what deviated, or empty when the window looks normal (or the history is too short to tell)
     */
    Optional<Detection> evaluate(WindowStats current, WindowHistory history);
}
