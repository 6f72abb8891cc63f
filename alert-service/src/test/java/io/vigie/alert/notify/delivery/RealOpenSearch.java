package io.vigie.alert.notify.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigie.testsupport.VigieContainers;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.net.URI;

/** A client of the test OpenSearch (Testcontainers) that maps dates as the service's does (ISO strings, java.time). */
final class RealOpenSearch {

    private static OpenSearchClient client;

    private RealOpenSearch() {
    }

    /** One per test JVM, never closed: its connections end with the JVM. */
    static synchronized OpenSearchClient client() {
        if (client == null) {
            URI url = URI.create(VigieContainers.openSearchUrl());
            ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            client = new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(new HttpHost(url.getScheme(),
                    url.getHost(), url.getPort())).setMapper(new JacksonJsonpMapper(json)).build());
        }
        return client;
    }
}
