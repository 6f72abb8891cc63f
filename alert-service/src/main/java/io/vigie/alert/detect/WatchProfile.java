package io.vigie.alert.detect;

import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.WatchAlerting;
import io.vigie.contracts.WatchDefinition;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What the detectors need to know about a watch besides its windows.
 *
 * @param zone        the team's time zone: the daily and weekly rhythm of the baselines
 * @param sensitivity the watch's preset for all detectors; null for the service default
 * @param detectors   per detector name, a sensitivity that overrides the preset ({@code off} disables it)
 * @param crisisTerms the watch's own crisis vocabulary, on top of the service's
 * @param countData   whether the metric is a count of mentions (true live): absolute floors (at least a few
 *                    mentions, a deviation of at least one mention) apply only to counts, not to a backtest's gauge
 */
public record WatchProfile(ZoneId zone, Sensitivity sensitivity, Map<String, Sensitivity> detectors,
                           List<String> crisisTerms, boolean countData) {

    public WatchProfile {
        zone = zone == null ? ZoneId.of("UTC") : zone;
        detectors = detectors == null ? Map.of() : Map.copyOf(detectors);
        crisisTerms = crisisTerms == null ? List.of() : List.copyOf(crisisTerms);
    }

    /** A watch nobody configured: the service's zone and sensitivity, counting mentions. */
    public static WatchProfile defaults(ZoneId zone) {
        return new WatchProfile(zone, null, Map.of(), List.of(), true);
    }

    /** The profile of a watch definition; an unknown time zone falls back to {@code defaultZone}. */
    public static WatchProfile of(WatchDefinition watch, ZoneId defaultZone) {
        ZoneId zone = defaultZone;
        if (watch.timeZone() != null && !watch.timeZone().isBlank()) {
            try {
                zone = ZoneId.of(watch.timeZone());
            } catch (DateTimeException e) {
                zone = defaultZone;
            }
        }
        WatchAlerting alerting = watch.alerting();
        return alerting == null ? defaults(zone)
                : new WatchProfile(zone, alerting.sensitivity(), alerting.detectors(), alerting.crisisTerms(), true);
    }

    /** The sensitivity a detector runs with for this watch: its own override, else the watch's, else the service's. */
    public Sensitivity sensitivityOf(String detector, Sensitivity serviceDefault) {
        Sensitivity own = detectors.get(detector);
        if (own != null) {
            return own;
        }
        return sensitivity != null ? sensitivity : serviceDefault;
    }
}
