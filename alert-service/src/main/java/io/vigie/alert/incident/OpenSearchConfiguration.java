package io.vigie.alert.incident;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigie.alert.config.OpenSearchProperties;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;

/** The OpenSearch client; its JSON mapper is Jackson 2 (opensearch-java's), beside Boot's Jackson 3. */
@Configuration(proxyBeanMethods = false)
public class OpenSearchConfiguration {

    /** A bean of its own so that Spring closes it (and its connection pool) on shutdown. */
    @Bean
    OpenSearchTransport openSearchTransport(OpenSearchProperties properties) {
        return transport(properties.url());
    }

    /** The service's transport to {@code url}: dates as ISO strings, java.time types; also what tests connect with. */
    public static OpenSearchTransport transport(URI url) {
        int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 9200;
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return ApacheHttpClient5TransportBuilder.builder(new HttpHost(url.getScheme(), url.getHost(), port))
                .setMapper(new JacksonJsonpMapper(json))
                .build();
    }

    @Bean
    OpenSearchClient openSearchClient(OpenSearchTransport transport) {
        return new OpenSearchClient(transport);
    }
}
