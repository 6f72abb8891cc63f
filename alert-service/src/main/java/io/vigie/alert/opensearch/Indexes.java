package io.vigie.alert.opensearch;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Creates the service's OpenSearch indices on first use, with their explicit mappings. */
public final class Indexes {

    private static final Logger log = LoggerFactory.getLogger(Indexes.class);

    private Indexes() {
    }

    /**
     * Creates {@code index} with {@code mapping} unless it exists.
     *
     * @return whether the index existed already (made by this instance earlier, another one, or an older version)
     */
    public static boolean createIfMissing(OpenSearchClient client, String index, TypeMapping mapping)
            throws IOException {
        if (client.indices().exists(exists -> exists.index(index)).value()) {
            return true;
        }
        try {
            client.indices().create(create -> create.index(index).mappings(mapping));
            log.info("Created OpenSearch index {}", index);
            return false;
        } catch (OpenSearchException e) {
            // Another instance may have created it between our check and our create.
            if ("resource_already_exists_exception".equals(e.error().type())) {
                return true;
            }
            throw e;
        }
    }
}
