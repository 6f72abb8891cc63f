package io.vigie.sentiment.index;

import io.vigie.contracts.MentionScored;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes scored mentions to the mentions index, by mention id: a replayed mention overwrites itself, never duplicates. */
@Service
public class MentionIndexer {

    private final OpenSearchClient client;

    public MentionIndexer(OpenSearchClient client) {
        this.client = client;
    }

    public void index(MentionScored scored) {
        MentionDocument document = MentionDocument.from(scored);
        if (document.id() == null || document.id().isBlank()) {
            throw new IllegalArgumentException("scored mention has no id: cannot index it; fix the producer");
        }
        try {
            client.index(i -> i.index(MentionIndex.ALIAS).id(document.id()).document(document));
        } catch (IOException e) {
            throw new UncheckedIOException("could not index mention " + document.id() + " into OpenSearch", e);
        }
    }
}
