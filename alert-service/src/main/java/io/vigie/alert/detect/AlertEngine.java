package io.vigie.alert.detect;

import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Severity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the detectors on each update of a watch's window and turns their findings into incidents, not alert storms
 * (ADR 0013): one incident per watch episode, whichever detectors fire, with a stable id; {@code open} when it
 * starts, {@code escalated} when its severity rises, {@code resolved} once no detector fired for
 * {@code resolve-after-windows} windows; a deviation less than {@code reopen-within} after the resolution reopens it
 * quietly.
 * Windows older than the previous one are not evaluated (late mentions only complete the baseline). Free of Kafka,
 * so the backtest drives it with a replayed series.
 */
public class AlertEngine {

    private final List<Detector> detectors;
    private final DetectionProperties settings;
    private final Duration cooldown;
    private final Clock clock;

    /**
     * @param detectors in order of precedence: when several fire with the same severity, the first one names the
     *                  incident
     */
    public AlertEngine(List<Detector> detectors, DetectionProperties settings, Clock clock) {
        this.detectors = List.copyOf(detectors);
        this.settings = settings;
        this.cooldown = settings.reopenWithin();
        this.clock = clock;
    }

    /** Evaluates a window that may still be filling up, for a watch with the default profile. */
    public Evaluation evaluate(WindowStats current, WindowHistory history, AlertMemory memory) {
        return evaluate(current, history, memory, WatchProfile.defaults(settings.defaultTimeZone()), false);
    }

    /**
     * @param current  the window that just changed (or, with {@code complete}, that is over)
     * @param history  the watch's earlier windows
     * @param memory   what the watch's alerting remembers
     * @param watch    the watch's zone, sensitivities and vocabulary
     * @param complete whether the window is over: only then do the drop and silence detectors judge it
     * @return the event to send about the watch's incident, if any, and the memory to keep
     */
    public Evaluation evaluate(WindowStats current, WindowHistory history, AlertMemory memory, WatchProfile watch,
                               boolean complete) {
        Instant start = current.windowStart();
        AlertMemory next = memory.seen(start);
        if (!memory.isLive(start, current.length())) {
            return new Evaluation(Optional.empty(), next, 0);
        }
        List<Finding> findings = detect(current, history, watch, complete);
        double score = findings.stream().mapToDouble(f -> f.detection().anomalyScore()).max().orElse(0);
        Incident incident = next.incident();
        if (incident != null && incident.resolved() && !start.isBefore(incident.resolvedAt().plus(cooldown))) {
            incident = null;
        }
        if (findings.isEmpty()) {
            return calm(current, next, incident, score);
        }
        Finding top = findings.get(0);
        for (Finding finding : findings) {
            if (finding.detection().severity().compareTo(top.detection().severity()) > 0) {
                top = finding;
            }
        }
        Severity severity = top.detection().severity();
        if (incident == null) {
            Incident opened = Incident.open(current.watchId(), top.detector(), start, top.detection());
            return send(current, next, opened, AlertStatus.OPEN, severity, top, findings, score);
        }
        Incident deviated = incident.deviated(start);
        if (severity.compareTo(incident.severity()) > 0) {
            return send(current, next, deviated, AlertStatus.ESCALATED, severity, top, findings, score);
        }
        boolean newWindow = start.isAfter(incident.lastSent());
        if (incident.resolved() || settings.notifyUpdates() && newWindow) {
            return send(current, next, deviated, AlertStatus.UPDATED, incident.severity(), top, findings, score);
        }
        return new Evaluation(Optional.empty(), next.withIncident(deviated), score);
    }

    private List<Finding> detect(WindowStats current, WindowHistory history, WatchProfile watch, boolean complete) {
        List<Finding> findings = new ArrayList<>();
        for (Detector detector : detectors) {
            if (!detector.enabledByDefault() && !watch.detectors().containsKey(detector.name())) {
                continue;
            }
            Sensitivity sensitivity = watch.sensitivityOf(detector.name(), settings.sensitivity());
            if (sensitivity == Sensitivity.OFF || detector.needsCompleteWindow() && !complete) {
                continue;
            }
            detector.evaluate(current, history, watch, sensitivity)
                    .ifPresent(detection -> findings.add(new Finding(detector.name(), detection)));
        }
        return findings;
    }

    /** No detector fired: an open incident resolves once the watch has been calm long enough. */
    private Evaluation calm(WindowStats current, AlertMemory memory, Incident incident, double score) {
        Instant start = current.windowStart();
        if (incident == null || incident.resolved()
                || start.isBefore(incident.lastDeviation().plus(current.length().multipliedBy(settings.resolveAfterWindows())))) {
            return new Evaluation(Optional.empty(), memory.withIncident(incident), score);
        }
        Incident resolved = incident.resolve(start);
        String summary = String.format(Locale.ROOT, "Back to normal: no detector fired on '%s' for %d windows since %s.",
                current.watchId(), settings.resolveAfterWindows(), incident.lastDeviation());
        AlertRaised event = event(current, resolved, incident.detector(), AlertStatus.RESOLVED, incident.severity(),
                incident.metric(), incident.observed(), incident.expected(), summary, score);
        return new Evaluation(Optional.of(event), memory.withIncident(resolved), score);
    }

    private Evaluation send(WindowStats current, AlertMemory memory, Incident incident, AlertStatus status,
                            Severity severity, Finding top, List<Finding> findings, double score) {
        Incident sent = incident.deviated(current.windowStart()).sent(current.windowStart(), top.detection(), severity);
        String others = findings.stream().filter(finding -> finding != top)
                .map(finding -> finding.detector() + " (" + finding.detection().severity().name().toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
        String summary = others.isEmpty() ? top.detection().summary()
                : top.detection().summary() + " Also: " + others + '.';
        Detection detection = top.detection();
        // The detector that says most now, as metric and summary do; the id keeps the one that opened the incident.
        AlertRaised event = event(current, sent, top.detector(), status, severity, detection.metric(),
                detection.observed(), detection.expected(), summary, score);
        return new Evaluation(Optional.of(event), memory.withIncident(sent), score);
    }

    private AlertRaised event(WindowStats window, Incident incident, String detector, AlertStatus status,
                              Severity severity, String metric, double observed, double expected, String summary,
                              double score) {
        return new AlertRaised(AlertRaised.SCHEMA_VERSION, incident.id(), window.watchId(), detector,
                severity, metric, observed, expected, window.windowStart(), window.windowEnd(), clock.instant(),
                summary, window.sampleMentionIds(), status, incident.episodeStart(), Double.isNaN(score) ? 0 : Math.min(1, Math.max(0, score)),
                window.topMentions(), window.breakdown());
    }

    private record Finding(String detector, Detection detection) {
    }

    /**
     * @param alert        the event to send about the watch's incident, if any
     * @param memory       the memory to keep for the watch
     * @param anomalyScore the highest anomaly score of the detectors that fired, 0 when none did
     */
    public record Evaluation(Optional<AlertRaised> alert, AlertMemory memory, double anomalyScore) {

        /** Whether the event is one a person is notified of: an incident opened or escalated. */
        public boolean notifies() {
            return alert.map(event -> event.status() == AlertStatus.OPEN || event.status() == AlertStatus.ESCALATED)
                    .orElse(false);
        }
    }
}
