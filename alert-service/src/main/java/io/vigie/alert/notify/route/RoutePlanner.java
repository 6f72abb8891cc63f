package io.vigie.alert.notify.route;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import io.vigie.contracts.WatchAlerting;
import io.vigie.contracts.WatchDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides which channels an alert goes to and when, from the watch's routes (else the service's default routes),
 * its quiet hours and digests, all in the watch's time zone. Pure: the time is a parameter.
 *
 * <ul>
 *   <li>{@code updated} alerts are not notified; {@code open}, {@code escalated} and {@code resolved} are.</li>
 *   <li>A route carries alerts of at least its {@code minSeverity}. Several routes naming the same channel merge: their
 *       recipients add up and the most immediate digest wins.</li>
 *   <li>During quiet hours, alerts below {@code urgentSeverity} (default high) wait for the end of the period and go
 *       out as one digest; a resolution is never urgent. A digest due inside quiet hours waits too.</li>
 * </ul>
 */
public final class RoutePlanner {

    private static final Logger log = LoggerFactory.getLogger(RoutePlanner.class);

    private final List<Route> defaultRoutes;
    private final Collection<String> knownChannels;
    private final LocalTime dailyDigestAt;

    public RoutePlanner(List<NotifyProperties.Route> defaultRoutes, Collection<String> knownChannels,
                        LocalTime dailyDigestAt) {
        this.knownChannels = knownChannels;
        this.dailyDigestAt = dailyDigestAt;
        this.defaultRoutes = defaultRoutes.isEmpty()
                ? List.of(new Route(Severity.LOW, List.copyOf(knownChannels), List.of(), Digest.NONE))
                : defaultRoutes.stream().map(r -> new Route(r.minSeverity(), r.channels(), r.recipients(),
                Digest.parse(r.digest()))).toList();
    }

    public List<PlannedDelivery> plan(AlertRaised alert, WatchDefinition watch, Instant now) {
        if (alert.effectiveStatus() == AlertStatus.UPDATED) {
            return List.of();
        }
        Severity severity = alert.severity() == null ? Severity.LOW : alert.severity();
        WatchAlerting alerting = watch == null ? null : watch.alerting();
        List<Route> routes = alerting == null || alerting.routes().isEmpty() ? defaultRoutes : watchRoutes(alerting);
        ZoneId zone = zone(watch);
        Optional<QuietPeriod> quiet = quiet(alerting, zone);
        boolean urgent = alert.effectiveStatus() != AlertStatus.RESOLVED && severity.compareTo(
                alerting == null || alerting.quietHours() == null || alerting.quietHours().urgentSeverity() == null
                        ? Severity.HIGH : alerting.quietHours().urgentSeverity()) >= 0;

        Map<String, Route> byChannel = new LinkedHashMap<>();
        for (Route route : routes) {
            if (severity.compareTo(route.minSeverity()) < 0) {
                continue;
            }
            for (String channel : route.channels()) {
                if (!knownChannels.contains(channel)) {
                    log.warn("Alert {} of watch {}: route names channel '{}', which is not configured (configured: {});"
                            + " skipped", alert.id(), alert.watchId(), channel, knownChannels);
                    continue;
                }
                byChannel.merge(channel, route, Route::merge);
            }
        }
        List<PlannedDelivery> planned = new ArrayList<>();
        byChannel.forEach((channel, route) -> {
            Instant due = DigestSchedule.next(route.digest(), now, zone, dailyDigestAt);
            boolean digest = route.digest() != Digest.NONE;
            if (!urgent && quiet.isPresent()) {
                Optional<Instant> quietEnd = quiet.get().endIfInside(due);
                if (quietEnd.isPresent()) {
                    due = quietEnd.get();
                    digest = true;
                }
            }
            List<String> recipients = List.copyOf(new TreeSet<>(route.recipients()));
            planned.add(new PlannedDelivery(channel, recipients, due,
                    digest ? alert.watchId() + "|" + channel + "|" + due + "|" + String.join(",", recipients) : null));
        });
        return planned;
    }

    private static List<Route> watchRoutes(WatchAlerting alerting) {
        List<Route> routes = new ArrayList<>();
        for (WatchAlerting.AlertRoute route : alerting.routes()) {
            Digest digest;
            try {
                digest = Digest.parse(route.digest());
            } catch (IllegalArgumentException e) {
                log.warn("A watch route has digest '{}': {}; sending at once", route.digest(), e.getMessage());
                digest = Digest.NONE;
            }
            routes.add(new Route(route.minSeverity(), route.channels(), route.recipients(), digest));
        }
        return routes;
    }

    static ZoneId zone(WatchDefinition watch) {
        if (watch == null || watch.timeZone() == null || watch.timeZone().isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(watch.timeZone());
        } catch (DateTimeException e) {
            log.warn("Watch {} has time zone '{}', which is not an IANA zone; using UTC", watch.id(), watch.timeZone());
            return ZoneOffset.UTC;
        }
    }

    private static Optional<QuietPeriod> quiet(WatchAlerting alerting, ZoneId zone) {
        if (alerting == null || alerting.quietHours() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new QuietPeriod(LocalTime.parse(alerting.quietHours().from()),
                    LocalTime.parse(alerting.quietHours().to()), zone));
        } catch (DateTimeException | NullPointerException e) {
            log.warn("Quiet hours {} - {} are not HH:mm times; ignored", alerting.quietHours().from(),
                    alerting.quietHours().to());
            return Optional.empty();
        }
    }

    private record Route(Severity minSeverity, List<String> channels, List<String> recipients, Digest digest) {
        Route {
            minSeverity = minSeverity == null ? Severity.LOW : minSeverity;
        }

        Route merge(Route other) {
            List<String> all = new ArrayList<>(recipients);
            all.addAll(other.recipients);
            return new Route(minSeverity, channels, all, digest.compareTo(other.digest) <= 0 ? digest : other.digest);
        }
    }
}
