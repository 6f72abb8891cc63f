package io.vigie.alert.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/** Where OpenSearch is ({@code vigie.opensearch.url}), shared by every Vigie service. */
@ConfigurationProperties("vigie.opensearch")
public record OpenSearchProperties(URI url) {
    public OpenSearchProperties {
        if (url == null || url.getHost() == null) {
            throw new IllegalArgumentException("vigie.opensearch.url must be an absolute URL such as http://127.0.0.1:9200"
                    + " (set OPENSEARCH_URL)");
        }
    }
}
