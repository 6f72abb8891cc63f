package io.vigie.alert.notify.route;

import io.vigie.alert.notify.NotifyProperties;
import io.vigie.alert.notify.TestAlerts;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import io.vigie.contracts.WatchAlerting;
import io.vigie.contracts.WatchAlerting.AlertRoute;
import io.vigie.contracts.WatchAlerting.QuietHours;
import io.vigie.contracts.WatchDefinition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoutePlannerTests {

    private static final Set<String> CHANNELS = Set.of("slack", "email", "webhook");
    private static final LocalTime EIGHT = LocalTime.of(8, 0);

    private final RoutePlanner defaults = new RoutePlanner(List.of(
            new NotifyProperties.Route(Severity.LOW, List.of("slack"), List.of(), null),
            new NotifyProperties.Route(Severity.HIGH, List.of("email"), List.of("oncall@example.com"), "none")),
            CHANNELS, EIGHT);

    @Test
    void aWatchWithoutRoutesUsesTheDefaultRoutesBySeverity() {
        Instant now = Instant.parse("2025-06-02T10:00:00Z");

        assertThat(defaults.plan(alert(Severity.MEDIUM, AlertStatus.OPEN), null, now))
                .containsExactly(new PlannedDelivery("slack", List.of(), now, null));
        assertThat(defaults.plan(alert(Severity.HIGH, AlertStatus.ESCALATED), null, now))
                .extracting(PlannedDelivery::channel).containsExactly("slack", "email");
    }

    @Test
    void withoutDefaultRoutesEveryChannelGetsEverythingAtOnce() {
        RoutePlanner planner = new RoutePlanner(List.of(), List.of("webhook"), EIGHT);
        Instant now = Instant.parse("2025-06-02T10:00:00Z");

        assertThat(planner.plan(alert(Severity.LOW, AlertStatus.OPEN), null, now))
                .containsExactly(new PlannedDelivery("webhook", List.of(), now, null));
    }

    @Test
    void updatesAreNotNotifiedAndUnknownChannelsAreSkipped() {
        Instant now = Instant.parse("2025-06-02T10:00:00Z");
        WatchDefinition watch = watch("UTC", List.of(new AlertRoute(Severity.LOW, List.of("pager", "slack"), null, null)),
                null);

        assertThat(defaults.plan(alert(Severity.HIGH, AlertStatus.UPDATED), watch, now)).isEmpty();
        assertThat(defaults.plan(alert(Severity.HIGH, AlertStatus.OPEN), watch, now))
                .extracting(PlannedDelivery::channel).containsExactly("slack");
    }

    @Test
    void routesOfTheWatchReplaceTheDefaultsAndMergePerChannel() {
        Instant now = Instant.parse("2025-06-02T10:00:00Z");
        WatchDefinition watch = watch("Europe/Paris", List.of(
                new AlertRoute(Severity.LOW, List.of("email"), List.of("comms@example.com"), "daily"),
                new AlertRoute(Severity.HIGH, List.of("email"), List.of("ceo@example.com"), "none")), null);

        assertThat(defaults.plan(alert(Severity.LOW, AlertStatus.OPEN), watch, now)).containsExactly(
                new PlannedDelivery("email", List.of("comms@example.com"), Instant.parse("2025-06-03T06:00:00Z"),
                        "w|email|2025-06-03T06:00:00Z|comms@example.com"));
        assertThat(defaults.plan(alert(Severity.HIGH, AlertStatus.OPEN), watch, now)).containsExactly(
                new PlannedDelivery("email", List.of("ceo@example.com", "comms@example.com").stream().sorted().toList(),
                        now, null));
    }

    @Test
    void duringQuietHoursOnlyUrgentAlertsGoAtOnceTheOthersWaitForTheEndAsADigest() {
        // 23:30 in Paris (summer time): inside 22:00-07:00, which ends at 07:00 local = 05:00Z.
        Instant now = Instant.parse("2025-06-02T21:30:00Z");
        WatchDefinition watch = watch("Europe/Paris", List.of(new AlertRoute(Severity.LOW, List.of("slack"), null, null)),
                new QuietHours("22:00", "07:00", Severity.HIGH));
        Instant end = Instant.parse("2025-06-03T05:00:00Z");

        assertThat(defaults.plan(alert(Severity.MEDIUM, AlertStatus.OPEN), watch, now))
                .containsExactly(new PlannedDelivery("slack", List.of(), end, "w|slack|" + end + "|"));
        assertThat(defaults.plan(alert(Severity.HIGH, AlertStatus.OPEN), watch, now))
                .containsExactly(new PlannedDelivery("slack", List.of(), now, null));
        // Good news is never urgent.
        assertThat(defaults.plan(alert(Severity.HIGH, AlertStatus.RESOLVED), watch, now))
                .extracting(PlannedDelivery::dueAt).containsExactly(end);
        // After the quiet hours: at once.
        Instant morning = Instant.parse("2025-06-03T05:00:00Z");
        assertThat(defaults.plan(alert(Severity.LOW, AlertStatus.OPEN), watch, morning))
                .containsExactly(new PlannedDelivery("slack", List.of(), morning, null));
    }

    @Test
    void quietHoursAfterMidnightEndTheSameDay() {
        QuietPeriod quiet = new QuietPeriod(LocalTime.of(22, 0), LocalTime.of(7, 0), java.time.ZoneId.of("Europe/Paris"));

        assertThat(quiet.endIfInside(Instant.parse("2025-06-03T01:00:00Z")))
                .contains(Instant.parse("2025-06-03T05:00:00Z"));
        assertThat(quiet.endIfInside(Instant.parse("2025-06-03T12:00:00Z"))).isEmpty();
        assertThat(quiet.endIfInside(Instant.parse("2025-06-02T19:59:59Z"))).isEmpty();
        assertThat(quiet.endIfInside(Instant.parse("2025-06-02T20:00:00Z")))
                .contains(Instant.parse("2025-06-03T05:00:00Z"));
    }

    @Test
    void onTheSpringForwardNightInParisTheQuietPeriodIsAnHourShorter() {
        // 2025-03-30: 02:00 CET jumps to 03:00 CEST. Quiet 22:00-07:00 runs from 21:00Z to 05:00Z: 8 hours, not 9.
        QuietPeriod quiet = new QuietPeriod(LocalTime.of(22, 0), LocalTime.of(7, 0), java.time.ZoneId.of("Europe/Paris"));

        assertThat(quiet.endIfInside(Instant.parse("2025-03-29T21:00:00Z")))
                .contains(Instant.parse("2025-03-30T05:00:00Z"));
        assertThat(quiet.endIfInside(Instant.parse("2025-03-30T04:59:00Z")))
                .contains(Instant.parse("2025-03-30T05:00:00Z"));
        assertThat(quiet.endIfInside(Instant.parse("2025-03-30T05:00:00Z"))).isEmpty();
        // An end inside the gap (02:30 does not exist that night) moves forward by the gap: 03:30 CEST.
        QuietPeriod toTheGap = new QuietPeriod(LocalTime.of(22, 0), LocalTime.of(2, 30),
                java.time.ZoneId.of("Europe/Paris"));
        assertThat(toTheGap.endIfInside(Instant.parse("2025-03-30T00:30:00Z")))
                .contains(Instant.parse("2025-03-30T01:30:00Z"));
    }

    @Test
    void onTheFallBackNightInParisTheQuietPeriodIsAnHourLonger() {
        // 2025-10-26: 03:00 CEST falls back to 02:00 CET. 07:00 local is 06:00Z that morning.
        QuietPeriod quiet = new QuietPeriod(LocalTime.of(22, 0), LocalTime.of(7, 0), java.time.ZoneId.of("Europe/Paris"));

        assertThat(quiet.endIfInside(Instant.parse("2025-10-25T20:00:00Z")))
                .contains(Instant.parse("2025-10-26T06:00:00Z"));
        assertThat(quiet.endIfInside(Instant.parse("2025-10-26T05:30:00Z")))
                .contains(Instant.parse("2025-10-26T06:00:00Z"));
    }

    @Test
    void digestsFollowTheWatchTimeZoneAcrossDaylightSaving() {
        java.time.ZoneId paris = java.time.ZoneId.of("Europe/Paris");
        // Saturday 21:00 CET: the daily digest is Sunday 08:00 CEST = 06:00Z (not 07:00Z).
        assertThat(DigestSchedule.nextDaily(Instant.parse("2025-03-29T20:00:00Z"), paris, EIGHT))
                .isEqualTo(Instant.parse("2025-03-30T06:00:00Z"));
        // Before 08:00 local: today's.
        assertThat(DigestSchedule.nextDaily(Instant.parse("2025-03-30T05:59:00Z"), paris, EIGHT))
                .isEqualTo(Instant.parse("2025-03-30T06:00:00Z"));
        // Exactly 08:00 local: tomorrow's (strictly after now).
        assertThat(DigestSchedule.nextDaily(Instant.parse("2025-03-30T06:00:00Z"), paris, EIGHT))
                .isEqualTo(Instant.parse("2025-03-31T06:00:00Z"));
        // Hourly at 01:30 CET on that night: the next local hour is 03:00 CEST, one real hour later at 01:00Z.
        assertThat(DigestSchedule.nextHour(Instant.parse("2025-03-30T00:30:00Z"), paris))
                .isEqualTo(Instant.parse("2025-03-30T01:00:00Z"));
        // India is UTC+05:30: its hours start at half past in UTC.
        assertThat(DigestSchedule.nextHour(Instant.parse("2025-03-30T00:10:00Z"), java.time.ZoneId.of("Asia/Kolkata")))
                .isEqualTo(Instant.parse("2025-03-30T00:30:00Z"));
    }

    @Test
    void anHourlyDigestDueInsideQuietHoursWaitsForTheirEnd() {
        // 21:30 CEST, not yet quiet; the 22:00 digest would fall in quiet hours 22:00-07:00: it goes at 07:00.
        Instant now = Instant.parse("2025-06-02T19:30:00Z");
        WatchDefinition watch = watch("Europe/Paris",
                List.of(new AlertRoute(Severity.LOW, List.of("slack"), null, "hourly")),
                new QuietHours("22:00", "07:00", null));

        assertThat(defaults.plan(alert(Severity.LOW, AlertStatus.OPEN), watch, now))
                .extracting(PlannedDelivery::dueAt).containsExactly(Instant.parse("2025-06-03T05:00:00Z"));
        // A high alert is urgent (default urgent severity), but a digest route stays a digest: 22:00 local.
        assertThat(defaults.plan(alert(Severity.HIGH, AlertStatus.OPEN), watch, now))
                .extracting(PlannedDelivery::dueAt).containsExactly(Instant.parse("2025-06-02T20:00:00Z"));
    }

    @Test
    void anUnknownTimeZoneFallsBackToUtc() {
        Instant now = Instant.parse("2025-06-02T10:20:00Z");
        WatchDefinition watch = watch("Mars/Olympus",
                List.of(new AlertRoute(Severity.LOW, List.of("slack"), null, "hourly")), null);

        assertThat(defaults.plan(alert(Severity.LOW, AlertStatus.OPEN), watch, now))
                .extracting(PlannedDelivery::dueAt).containsExactly(Instant.parse("2025-06-02T11:00:00Z"));
    }

    private static AlertRaised alert(Severity severity, AlertStatus status) {
        return TestAlerts.alert("w", "w:negative-surge:1", severity, status);
    }

    private static WatchDefinition watch(String zone, List<AlertRoute> routes, QuietHours quiet) {
        return new WatchDefinition("w", "Acme", "acme", List.of(), zone, false, null, List.of(),
                new WatchAlerting(null, null, null, routes, quiet));
    }
}
