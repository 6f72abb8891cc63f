package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery store's warm-up on a real OpenSearch (ADR 0030): it leaves nothing behind that a worker could send. */
class DeliveryStoreWarmUpIT {

    private final OpenSearchClient client = RealOpenSearch.client();

    @Test
    void theWarmUpWritesAndDeletesProbeRecordsAndLeavesOnlyTheRealDeliveries() throws IOException {
        NotifyProperties settings = new Binder(new MapConfigurationPropertySource(Map.of(
                "vigie.alert.notify.index", "vigie-deliveries-warm-up-it")))
                .bindOrCreate("vigie.alert.notify", NotifyProperties.class);
        client.indices().delete(delete -> delete.index(settings.index()).ignoreUnavailable(true));
        DeliveryRepository deliveries = new DeliveryRepository(client, settings);
        Instant now = Instant.now();
        Delivery pending = new Delivery("alert-1:open:low:hook", "alert-1", "w", null, null, null, "hook", List.of(),
                DeliveryState.PENDING, 0, null, 1, now, now, null, now, null, null, null);
        deliveries.createAll(List.of(pending));

        deliveries.warmUp(3, 4, now);

        client.indices().refresh(refresh -> refresh.index(settings.index()));
        // It did make the requests: 3 rounds of 4 probes created, recorded and deleted.
        var indexing = client.indices().stats(stats -> stats.index(settings.index())).indices()
                .get(settings.index()).primaries().indexing();
        assertThat(indexing.indexTotal()).isEqualTo(1 + 3 * 4 * 2);
        assertThat(indexing.deleteTotal()).isEqualTo(3 * 4);
        assertThat(client.count(count -> count.index(settings.index())).count()).isEqualTo(1);
        assertThat(deliveries.find(null, 10)).extracting(Delivery::id).containsExactly(pending.id());
        assertThat(deliveries.due("hook", now.plusSeconds(1), 10)).extracting(StoredDelivery::id)
                .containsExactly(pending.id());
    }
}
