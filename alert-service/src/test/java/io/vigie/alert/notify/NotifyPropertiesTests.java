package io.vigie.alert.notify;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotifyPropertiesTests {

    @Test
    void deliveryRecordsAreKeptThirtyDaysByDefault() {
        assertThat(bind(Map.of()).deliveryRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(bind(Map.of("vigie.alert.notify.delivery-retention", "7d")).deliveryRetention())
                .isEqualTo(Duration.ofDays(7));
    }

    /** A record deleted before its alert is too old to notify would let a re-read alert be sent a second time. */
    @Test
    void aRetentionNotLongerThanTheMaxAlertAgeIsRefusedWithBothPropertyNames() {
        assertThatThrownBy(() -> bind(Map.of("vigie.alert.notify.delivery-retention", "12h")))
                .rootCause().hasMessageContaining("vigie.alert.notify.delivery-retention")
                .hasMessageContaining("vigie.alert.notify.max-alert-age");
    }

    /** Short because renewed by its holder (ADR 0028): a killed instance's deliveries wait a minute, not five. */
    @Test
    void aDeliveryLeaseLastsAMinuteAndIsRenewedEveryThirdOfIt() {
        NotifyProperties defaults = bind(Map.of());
        assertThat(defaults.lease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.leaseRenewal()).isEqualTo(Duration.ofSeconds(20));
        NotifyProperties shortest = bind(Map.of("vigie.alert.notify.lease", "5s"));
        assertThat(shortest.leaseRenewal().toMillis()).isEqualTo(1666);
    }

    /** Renewed every third of it, a lease shorter than a few slow OpenSearch requests would run out while held. */
    @Test
    void aLeaseShorterThanFiveSecondsIsRefusedWithItsPropertyName() {
        assertThatThrownBy(() -> bind(Map.of("vigie.alert.notify.lease", "4s")))
                .rootCause().hasMessageContaining("vigie.alert.notify.lease must be at least 5s")
                .hasMessageContaining("PT4S");
    }

    /** "~warm-up" names the delivery store's warm-up probes (ADR 0030): a channel of that name would send them. */
    @Test
    void aChannelNameStartingWithATildeIsRefused() {
        assertThatThrownBy(() -> bind(Map.of(
                "vigie.alert.notify.channels[~warm-up].type", "webhook",
                "vigie.alert.notify.channels[~warm-up].url", "https://hooks.example.org/vigie")))
                .rootCause().hasMessageContaining("cannot start with '~'");
    }

    private static NotifyProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("vigie.alert.notify", NotifyProperties.class);
    }
}
