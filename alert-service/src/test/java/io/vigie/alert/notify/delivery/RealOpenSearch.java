package io.vigie.alert.notify.delivery;

import io.vigie.alert.incident.OpenSearchConfiguration;
import io.vigie.testsupport.VigieContainers;
import org.opensearch.client.opensearch.OpenSearchClient;

import java.net.URI;

/** A client of the test OpenSearch (Testcontainers) with the service's own transport and JSON mapping. */
final class RealOpenSearch {

    private static OpenSearchClient client;

    private RealOpenSearch() {
    }

    /** One per test JVM, never closed: its connections end with the JVM. */
    static synchronized OpenSearchClient client() {
        if (client == null) {
            client = new OpenSearchClient(OpenSearchConfiguration.transport(URI.create(
                    VigieContainers.openSearchUrl())));
        }
        return client;
    }
}
