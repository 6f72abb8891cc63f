package io.vigie.sentiment.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * @param url            base URL of the OpenSearch node, e.g. {@code http://127.0.0.1:9200}
 * @param startupTimeout how long start-up waits for OpenSearch to answer before giving up
 */
@ConfigurationProperties("vigie.opensearch")
public record OpenSearchProperties(@DefaultValue("http://127.0.0.1:9200") URI url,
                                   @DefaultValue("60s") Duration startupTimeout) {
}
