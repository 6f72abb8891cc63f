package io.vigie.alert.backtest;

import io.vigie.alert.window.WindowStats;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where a watch replay gets the windows of a watch's past: the mentions index, or a fake in tests. */
public interface WindowSource {

    /**
     * @return the watch's windows of {@code length} between {@code from} (inclusive) and {@code to} (exclusive), oldest
     * first; windows without any mention may be absent
     */
    List<WindowStats> windows(String watchId, Instant from, Instant to, Duration length) throws IOException;
}
