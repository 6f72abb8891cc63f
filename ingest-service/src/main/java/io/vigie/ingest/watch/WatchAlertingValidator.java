package io.vigie.ingest.watch;

import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.WatchAlerting;
import io.vigie.contracts.WatchAlerting.AlertRoute;
import io.vigie.contracts.WatchAlerting.QuietHours;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code alerting} block of a watch, which ingest does not use but stores for alert-service: a mistake
 * here would only show later as an alert that never comes, so it is refused at once with the field and what to write.
 */
final class WatchAlertingValidator {

    /** Detectors alert-service runs; a watch may tune or switch off each. */
    static final List<String> DETECTORS = WatchAlerting.DETECTORS;
    /**
     * Names this service once accepted for a detector alert-service calls otherwise: a stored watch sent back as it
     * was still goes through, under the detector's real name.
     */
    private static final Map<String, String> FORMER_NAMES = Map.of("crisis-vocabulary", "crisis-terms");
    static final List<String> DIGESTS = List.of("none", "hourly", "daily");

    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern LOCAL_TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> DETECTOR_NAMES = Set.copyOf(DETECTORS);
    private static final int MAX_CRISIS_TERMS = 200;
    private static final int MAX_CRISIS_TERM = 100;
    private static final int MAX_ROUTES = 20;
    private static final int MAX_CHANNELS = 20;
    private static final int MAX_RECIPIENTS = 200;
    private static final int MAX_RECIPIENT = 254;

    private WatchAlertingValidator() {
    }

    /**
     * @return the block as it will be stored (trimmed terms, channels and addresses, lower-case digest), or null
     *         when the watch has none (alert-service's defaults)
     * @throws InvalidWatchException naming the field under {@code alerting}
     */
    static WatchAlerting validated(WatchAlerting alerting) {
        if (alerting == null) {
            return null;
        }
        Map<String, Sensitivity> detectors = new LinkedHashMap<>();
        alerting.detectors().forEach((name, sensitivity) -> {
            String field = "alerting.detectors." + name;
            String detector = name == null ? null : FORMER_NAMES.getOrDefault(name, name);
            if (detector == null || !DETECTOR_NAMES.contains(detector)) {
                throw new InvalidWatchException(field, "unknown detector " + quoted(name) + "; use one of " + DETECTORS);
            }
            if (sensitivity == null) {
                throw new InvalidWatchException(field, "give the detector a sensitivity: off, low, medium or high");
            }
            detectors.put(detector, sensitivity);
        });
        return new WatchAlerting(alerting.sensitivity(), detectors, crisisTerms(alerting.crisisTerms()),
                routes(alerting.routes()), quietHours(alerting.quietHours()));
    }

    private static List<String> crisisTerms(List<String> terms) {
        if (terms.size() > MAX_CRISIS_TERMS) {
            throw new InvalidWatchException("alerting.crisisTerms", "at most " + MAX_CRISIS_TERMS + " crisis terms "
                    + "per watch, got " + terms.size() + "; keep the words that really announce a crisis");
        }
        List<String> cleaned = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i) == null ? "" : terms.get(i).strip();
            if (term.isEmpty() || term.length() > MAX_CRISIS_TERM) {
                throw new InvalidWatchException("alerting.crisisTerms[" + i + "]", "a crisis term is 1 to "
                        + MAX_CRISIS_TERM + " characters, e.g. \"rappel produit\"");
            }
            if (!cleaned.contains(term)) {
                cleaned.add(term);
            }
        }
        return cleaned;
    }

    private static List<AlertRoute> routes(List<AlertRoute> routes) {
        if (routes.size() > MAX_ROUTES) {
            throw new InvalidWatchException("alerting.routes", "at most " + MAX_ROUTES + " routes per watch");
        }
        List<AlertRoute> cleaned = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            cleaned.add(route(routes.get(i), "alerting.routes[" + i + "]"));
        }
        return cleaned;
    }

    private static AlertRoute route(AlertRoute route, String where) {
        if (route == null) {
            throw new InvalidWatchException(where, "a route is an object with minSeverity, channels and optional "
                    + "recipients and digest");
        }
        if (route.minSeverity() == null) {
            throw new InvalidWatchException(where + ".minSeverity", "say the lowest severity this route carries: "
                    + "low, medium or high");
        }
        if (route.channels().isEmpty() || route.channels().size() > MAX_CHANNELS) {
            throw new InvalidWatchException(where + ".channels", "list 1 to " + MAX_CHANNELS + " channel names "
                    + "configured in alert-service, e.g. [\"slack-comms\", \"email\"]");
        }
        List<String> channels = new ArrayList<>();
        for (int c = 0; c < route.channels().size(); c++) {
            String channel = route.channels().get(c) == null ? "" : route.channels().get(c).strip();
            if (!CHANNEL.matcher(channel).matches()) {
                throw new InvalidWatchException(where + ".channels[" + c + "]", "channel names are 1 to 63 lower-case "
                        + "letters, digits or '-' (as configured in alert-service, e.g. slack-comms), got "
                        + quoted(route.channels().get(c)));
            }
            if (!channels.contains(channel)) {
                channels.add(channel);
            }
        }
        if (route.recipients().size() > MAX_RECIPIENTS) {
            throw new InvalidWatchException(where + ".recipients", "at most " + MAX_RECIPIENTS + " recipients per "
                    + "route; use a mailing list address for more");
        }
        List<String> recipients = new ArrayList<>();
        for (int r = 0; r < route.recipients().size(); r++) {
            String recipient = route.recipients().get(r) == null ? "" : route.recipients().get(r).strip();
            if (recipient.length() > MAX_RECIPIENT || !EMAIL.matcher(recipient).matches()) {
                throw new InvalidWatchException(where + ".recipients[" + r + "]", "recipients are email addresses "
                        + "such as comms@example.org, got " + quoted(route.recipients().get(r)));
            }
            recipients.add(recipient);
        }
        String digest = route.digest() == null || route.digest().isBlank() ? null
                : route.digest().strip().toLowerCase(Locale.ROOT);
        if (digest != null && !DIGESTS.contains(digest)) {
            throw new InvalidWatchException(where + ".digest", "digest is one of " + DIGESTS + " (none sends each "
                    + "alert at once), got " + quoted(route.digest()));
        }
        return new AlertRoute(route.minSeverity(), channels, recipients, digest);
    }

    private static QuietHours quietHours(QuietHours quiet) {
        if (quiet == null) {
            return null;
        }
        checkTime(quiet.from(), "alerting.quietHours.from");
        checkTime(quiet.to(), "alerting.quietHours.to");
        return new QuietHours(quiet.from().strip(), quiet.to().strip(), quiet.urgentSeverity());
    }

    private static void checkTime(String time, String field) {
        if (time == null || !LOCAL_TIME.matcher(time.strip()).matches()) {
            throw new InvalidWatchException(field, "quiet hours are local times of the watch's time zone as HH:mm "
                    + "(00:00 to 23:59), e.g. {\"from\": \"22:00\", \"to\": \"07:00\"}; got " + quoted(time));
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
