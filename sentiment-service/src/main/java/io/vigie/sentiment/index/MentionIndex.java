package io.vigie.sentiment.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigie.sentiment.config.OpenSearchProperties;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The mentions index: an index template for {@code vigie-mentions-*} and a first index behind the write alias
 * {@code vigie-mentions}, so that later indices can roll over behind the same alias. Set up (idempotently) when the
 * service starts, before any Kafka binding consumes, so no document ever lands in an index auto-created without the
 * mapping.
 */
@Component
public class MentionIndex implements InitializingBean {

    public static final String ALIAS = "vigie-mentions";
    public static final String TEMPLATE = "vigie-mentions";
    public static final String FIRST_INDEX = "vigie-mentions-000001";

    private static final Logger log = LoggerFactory.getLogger(MentionIndex.class);
    private static final String TEMPLATE_RESOURCE = "opensearch/vigie-mentions-template.json";
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OpenSearchClient client;
    private final OpenSearchProperties properties;

    public MentionIndex(OpenSearchClient client, OpenSearchProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        Instant deadline = Instant.now().plus(properties.startupTimeout());
        while (true) {
            try {
                ensureExists();
                return;
            } catch (IOException | OpenSearchException e) {
                // Unreachable, or up but not ready yet (503 while the cluster forms): wait; anything else is a real error.
                if (e instanceof OpenSearchException refused && refused.status() < 500) {
                    throw refused;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("OpenSearch at " + properties.url() + " did not answer within "
                            + properties.startupTimeout().toSeconds() + " s (" + e.getMessage()
                            + "): start it, or point OPENSEARCH_URL at a running node", e);
                }
                log.info("waiting for OpenSearch at {}: {}", properties.url(), e.getMessage());
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    /**
     * Puts the template (so mapping changes reach the next index) and creates the first index if the alias is new, or
     * else adds the template's new fields to the indices already behind the alias.
     */
    void ensureExists() throws IOException {
        String template = templateJson();
        putTemplate(template);
        if (client.indices().existsAlias(a -> a.name(ALIAS)).value()) {
            putMapping(template);
            return;
        }
        if (client.indices().exists(e -> e.index(ALIAS)).value()) {
            throw new IllegalStateException("OpenSearch already has an index named '" + ALIAS
                    + "' (auto-created by a write before the template existed?): it must be an alias; reindex that index "
                    + "into " + FIRST_INDEX + " and delete it");
        }
        try {
            client.indices().create(c -> c.index(FIRST_INDEX).aliases(ALIAS, a -> a.isWriteIndex(true)));
            log.info("created index {} behind write alias {}", FIRST_INDEX, ALIAS);
        } catch (OpenSearchException e) {
            // Another instance won the race: the index is there, which is all we need.
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
    }

    private void putTemplate(String template) throws IOException {
        try (Response response = client.generic().execute(Requests.builder()
                .method("PUT")
                .endpoint("/_index_template/" + TEMPLATE)
                .json(template)
                .build())) {
            if (response.getStatus() != 200) {
                String body = response.getBody().map(Body::bodyAsString).orElse("");
                throw new IllegalStateException("OpenSearch refused the index template " + TEMPLATE + " (HTTP "
                        + response.getStatus() + "): " + body);
            }
        }
    }

    /**
     * Indices made from an older template lack the fields added since (e.g. {@code humanSentiment}): with
     * {@code dynamic: false} their values are kept but cannot be searched. Adding fields in place is allowed; changing
     * an existing field's type is refused, and that error says a reindex is needed.
     */
    private void putMapping(String template) throws IOException {
        String mappings = MAPPER.readTree(template).path("template").path("mappings").toString();
        try (Response response = client.generic().execute(Requests.builder()
                .method("PUT")
                .endpoint("/" + ALIAS + "/_mapping")
                .json(mappings)
                .build())) {
            if (response.getStatus() != 200) {
                String body = response.getBody().map(Body::bodyAsString).orElse("");
                throw new IllegalStateException("OpenSearch refused to bring the mapping of " + ALIAS + " up to date (HTTP "
                        + response.getStatus() + "): " + body + "; reindex into a new index made from the template");
            }
        }
    }

    private static String templateJson() {
        try (InputStream in = MentionIndex.class.getClassLoader().getResourceAsStream(TEMPLATE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
