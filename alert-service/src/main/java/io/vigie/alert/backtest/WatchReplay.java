package io.vigie.alert.backtest;

import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.AlertMemory;
import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.Detectors;
import io.vigie.alert.detect.WatchProfile;
import io.vigie.alert.detect.WindowHistory;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertRaised;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code ./vigie backtest --watch ID --from --to}: replays a watch's past windows through the live engine, the windows
 * of the range that had mentions in order (as live today: a window without mentions is never evaluated), each judged
 * as a finished window, and returns the events the service would have sent. The history is the replayed windows before each one, within the retention; the
 * windows before {@code from} are read too, so that the first ones have a baseline.
 */
public class WatchReplay {

    private final DetectionProperties settings;
    private final Duration retention;
    private final WatchProfile watch;

    public WatchReplay(DetectionProperties settings, Duration retention, WatchProfile watch) {
        this.settings = settings;
        this.retention = retention;
        this.watch = watch;
    }

    /** The events (open, escalated, updated, resolved) of the windows from {@code from} to {@code to}. */
    public List<AlertRaised> run(WindowSource source, String watchId, Instant from, Instant to, Duration length)
            throws IOException {
        List<WindowStats> windows = source.windows(watchId, from.minus(retention), to, length).stream()
                .filter(window -> window.volume() > 0)
                .sorted(Comparator.comparing(WindowStats::windowStart))
                .toList();
        AlertEngine engine = new AlertEngine(Detectors.all(Backtest.NEGATIVE_SURGE, settings), settings,
                Clock.systemUTC());
        AlertMemory memory = AlertMemory.empty();
        List<AlertRaised> events = new ArrayList<>();
        int oldest = 0;
        WindowHistory previous = null;
        for (int i = 0; i < windows.size(); i++) {
            WindowStats window = windows.get(i);
            Instant horizon = window.windowStart().minus(retention);
            while (oldest < i && windows.get(oldest).windowStart().isBefore(horizon)) {
                oldest++;
            }
            if (!window.windowStart().isBefore(from)) {
                // Follows the previous window's history: the baselines of the hours that did not change carry over.
                WindowHistory history = new WindowHistory(windows.subList(oldest, i), previous);
                previous = history;
                AlertEngine.Evaluation evaluation = engine.evaluate(window, history, memory, watch, true);
                memory = evaluation.memory();
                evaluation.alert().ifPresent(events::add);
            }
        }
        return events;
    }
}
