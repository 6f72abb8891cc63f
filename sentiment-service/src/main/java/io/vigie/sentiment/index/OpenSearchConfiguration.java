package io.vigie.sentiment.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigie.sentiment.config.OpenSearchProperties;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;

/**
 * The OpenSearch client: Apache HttpClient 5 transport and a Jackson 2 mapper (opensearch-java's), which lives beside
 * Boot's Jackson 3 without touching it.
 */
@Configuration(proxyBeanMethods = false)
public class OpenSearchConfiguration {

    @Bean(destroyMethod = "close")
    OpenSearchTransport openSearchTransport(OpenSearchProperties properties) {
        URI url = properties.url();
        if (url.getHost() == null) {
            throw new IllegalStateException("vigie.opensearch.url '" + url + "' has no host; use e.g. http://127.0.0.1:9200");
        }
        int port = url.getPort() > 0 ? url.getPort() : 9200;
        String scheme = url.getScheme() == null ? "http" : url.getScheme();
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return ApacheHttpClient5TransportBuilder.builder(new HttpHost(scheme, url.getHost(), port))
                .setMapper(new JacksonJsonpMapper(mapper))
                .build();
    }

    @Bean
    OpenSearchClient openSearchClient(OpenSearchTransport transport) {
        return new OpenSearchClient(transport);
    }
}
