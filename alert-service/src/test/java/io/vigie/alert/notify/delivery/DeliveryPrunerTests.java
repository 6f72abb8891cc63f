package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.NotifyProperties;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention run: what it asks OpenSearch to delete, and that a failure waits for the next run. */
class DeliveryPrunerTests {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final NotifyProperties settings = new Binder(new MapConfigurationPropertySource(
            Map.of("vigie.alert.notify.delivery-retention", "10d"))).bindOrCreate("vigie.alert.notify",
            NotifyProperties.class);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void deletesWhatFinishedLongerThanTheRetentionAgo() {
        List<Instant> cutoffs = new ArrayList<>();
        DeliveryRepository deliveries = new DeliveryRepository(null, settings) {
            @Override
            public long deleteFinishedBefore(Instant cutoff) {
                cutoffs.add(cutoff);
                return 4;
            }
        };

        assertThat(new DeliveryPruner(deliveries, settings, clock).prune()).hasValue(4);
        assertThat(cutoffs).containsExactly(Instant.parse("2026-02-19T12:00:00Z"));
    }

    @Test
    void anOpenSearchThatIsDownOnlyPostponesTheCleanupToTheNextRun() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (OpenSearchTransport transport = ApacheHttpClient5TransportBuilder
                .builder(new HttpHost("http", "127.0.0.1", closedPort)).setMapper(new JacksonJsonpMapper()).build()) {
            DeliveryRepository unreachable = new DeliveryRepository(new OpenSearchClient(transport), settings);
            DeliveryPruner pruner = new DeliveryPruner(unreachable, settings, clock);

            assertThat(pruner.prune()).isEmpty();
        }
    }
}
