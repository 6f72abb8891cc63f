package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.TestAlerts;
import io.vigie.alert.notify.channel.Notification;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryWorkerTests {

    @Test
    void aSingleDeliveryCarriesTheAlertIdStatusAndSeverityAsItsIdempotencyKey() {
        AlertRaised alert = TestAlerts.alert("w", "w:negative-surge:1", Severity.MEDIUM, AlertStatus.ESCALATED);

        Notification notification = DeliveryWorker.notification(List.of(delivery(alert, null, 1)));

        assertThat(notification.idempotencyKey()).isEqualTo("w:negative-surge:1:escalated:medium");
        assertThat(notification.digest()).isFalse();
        assertThat(Delivery.id(alert, "slack")).isEqualTo("w:negative-surge:1:escalated:medium:slack");
    }

    @Test
    void aDigestListsEachAlertOnceInItsLatestState() {
        AlertRaised a = TestAlerts.alert("w", "w:a", Severity.LOW, AlertStatus.OPEN);
        AlertRaised b = TestAlerts.alert("w", "w:b", Severity.LOW, AlertStatus.OPEN);
        AlertRaised aLater = TestAlerts.alert("w", "w:a", Severity.MEDIUM, AlertStatus.ESCALATED);

        Notification digest = DeliveryWorker.notification(List.of(
                delivery(a, "w|slack|t|", 1), delivery(b, "w|slack|t|", 2), delivery(aLater, "w|slack|t|", 3)));

        assertThat(digest.digest()).isTrue();
        assertThat(digest.alerts()).containsExactly(b, aLater);
        assertThat(digest.idempotencyKey()).startsWith("digest:").hasSize("digest:".length() + 32);
    }

    private static Delivery delivery(AlertRaised alert, String digestKey, long seq) {
        Instant now = Instant.now();
        return new Delivery(Delivery.id(alert, "slack"), alert.id(), alert.watchId(), "Acme", alert.status(),
                alert.severity(), "slack", List.of(), DeliveryState.PENDING, 0, null, seq, now, now, digestKey, now,
                null, null, alert);
    }
}
