package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * How a watch alerts and whom it tells. Every part is optional; alert-service's configuration gives the defaults.
 *
 * @param sensitivity         preset for all detectors of the watch; null for the service default (medium)
 * @param detectors           per detector name (e.g. {@code volume-spike}), a sensitivity that overrides the preset;
 *                            {@code off} disables that detector for the watch
 * @param crisisTerms         extra crisis vocabulary for this watch, added to the service's FR and EN lists
 * @param routes              severity to channels and recipients; empty for the service's default routes
 * @param quietHours          when only urgent alerts are sent at once, in the watch's time zone; null for none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WatchAlerting(Sensitivity sensitivity, Map<String, Sensitivity> detectors, List<String> crisisTerms,
                            List<AlertRoute> routes, QuietHours quietHours) {

    /**
     * The detectors alert-service runs, by the names a watch's {@code detectors} overrides use (ingest refuses others;
     * alert-service checks its own list against this one).
     */
    public static final List<String> DETECTORS = List.of("negative-surge", "crisis-terms", "high-reach-negative",
            "sentiment-drop", "volume-spike", "slow-climb", "volume-drop", "silence", "anomaly-likelihood",
            "random-cut-forest");

    public WatchAlerting {
        detectors = detectors == null ? Map.of() : Map.copyOf(detectors);
        crisisTerms = crisisTerms == null ? List.of() : List.copyOf(crisisTerms);
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /**
     * Sends alerts of at least a severity to channels.
     *
     * @param minSeverity lowest severity this route carries
     * @param channels    names of channels configured in alert-service, e.g. {@code slack-comms}, {@code email}
     * @param recipients  email addresses, for email channels; empty for the channel's default recipients
     * @param digest      {@code none} (at once), {@code hourly} or {@code daily}; null means at once
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AlertRoute(Severity minSeverity, List<String> channels, List<String> recipients, String digest) {
        public AlertRoute {
            channels = channels == null ? List.of() : List.copyOf(channels);
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
        }
    }

    /**
     * Hours during which alerts below {@code urgentSeverity} wait for the end of the quiet period (as a digest).
     *
     * @param from           start, local time of the watch, e.g. {@code 22:00}
     * @param to             end, e.g. {@code 07:00} (may be earlier than from: the period spans midnight)
     * @param urgentSeverity alerts at least this severe are sent at once anyway; null means high
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record QuietHours(String from, String to, Severity urgentSeverity) {
    }
}
