package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertRaised;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs the detectors on each update of a watch's window and decides which deviations become alerts: at most one
 * per watch and window, re-sent (same id, new figures) only when its severity escalates as the window fills; one per episode, an episode being deviations of the same detector less than the cooldown
 * apart; and none for windows older than the previous one (late mentions only complete the baseline). Free of Kafka, so a backtest can
 * drive it with a replayed series.
 */
public class AlertEngine {

    private final List<Detector> detectors;
    private final Duration cooldown;
    private final Clock clock;

    public AlertEngine(List<Detector> detectors, Duration cooldown, Clock clock) {
        this.detectors = List.copyOf(detectors);
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /**
     * @param current the window that just changed
     * @param history the watch's earlier windows
     * @param memory  what the watch's alerting remembers
     * @return the alert to raise, if any, and the memory to keep
     */
    public Evaluation evaluate(WindowStats current, WindowHistory history, AlertMemory memory) {
        AlertMemory next = memory.seen(current.windowStart());
        if (!memory.isLive(current.windowStart(), current.length())) {
            return new Evaluation(Optional.empty(), next);
        }
        if (memory.alertedOn(current.windowStart())) {
            return escalation(current, history, next);
        }
        for (Detector detector : detectors) {
            Optional<Detection> detection = detector.evaluate(current, history);
            if (detection.isEmpty()) {
                continue;
            }
            if (next.inEpisode(detector.name(), current.windowStart(), cooldown)) {
                next = next.deviated(detector.name(), current.windowStart());
                continue;
            }
            AlertRaised alert = toAlert(current, detector.name(), detection.get());
            return new Evaluation(Optional.of(alert),
                    next.alerted(detector.name(), current.windowStart(), detection.get().severity()));
        }
        return new Evaluation(Optional.empty(), next);
    }

    /** A crisis first crosses the threshold with a handful of mentions: tell the team again when it grows worse. */
    private Evaluation escalation(WindowStats current, WindowHistory history, AlertMemory memory) {
        for (Detector detector : detectors) {
            Optional<Detection> detection = detector.evaluate(current, history);
            if (detection.isPresent() && memory.escalates(detector.name(), detection.get().severity())) {
                AlertRaised alert = toAlert(current, detector.name(), detection.get());
                return new Evaluation(Optional.of(alert),
                        memory.alerted(detector.name(), current.windowStart(), detection.get().severity()));
            }
        }
        return new Evaluation(Optional.empty(), memory);
    }

    /** Stable per watch, detector and window, so a re-emitted alert overwrites itself downstream. */
    public static String alertId(String watchId, String detector, WindowStats window) {
        return watchId + ':' + detector + ':' + window.windowStart();
    }

    private AlertRaised toAlert(WindowStats window, String detector, Detection detection) {
        return new AlertRaised(AlertRaised.SCHEMA_VERSION, alertId(window.watchId(), detector, window),
                window.watchId(), detector, detection.severity(), detection.metric(), detection.observed(),
                detection.expected(), window.windowStart(), window.windowEnd(), clock.instant(), detection.summary(),
                window.sampleMentionIds());
    }

    /**
     * @param alert  the alert to raise, if any
     * @param memory the memory to keep for the watch
     */
    public record Evaluation(Optional<AlertRaised> alert, AlertMemory memory) {
    }
}
