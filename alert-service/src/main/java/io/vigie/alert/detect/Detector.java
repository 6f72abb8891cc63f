package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.Sensitivity;

import java.util.Optional;

/**
 * Decides whether one window of a watch deviates from that watch's history. No Kafka, no clock, so the same
 * detector runs in the live topology and over a replayed series (backtest). Most are pure functions of the window and
 * the history; one that learns as it goes ({@link RandomCutForestDetector}) keeps its own state, thread-safe, and must
 * see a watch's complete windows in order.
 */
public interface Detector {

    /** Stable name, part of the alert id and of a watch's overrides, e.g. {@code negative-surge}. */
    String name();

    /**
     * Whether the detector may only judge a window once it is over: a drop or a silence cannot be told from a window
     * that has just begun.
     */
    default boolean needsCompleteWindow() {
        return false;
    }

    /**
     * Whether the detector runs for watches that do not name it in their overrides. An opt-in detector (false) runs
     * only where {@link WatchProfile#detectors()} gives it a sensitivity other than {@code off}.
     */
    default boolean enabledByDefault() {
        return true;
    }

    /**
     * @param current     the window being evaluated, possibly still filling up (unless {@link #needsCompleteWindow()})
     * @param history     the watch's earlier windows, oldest first
     * @param watch       the watch's time zone, vocabulary and kind of data
     * @param sensitivity the preset to apply, never {@code off}
     * @return what deviated, or empty when the window looks normal (or the history is too short to tell)
     */
    Optional<Detection> evaluate(WindowStats current, WindowHistory history, WatchProfile watch, Sensitivity sensitivity);
}
