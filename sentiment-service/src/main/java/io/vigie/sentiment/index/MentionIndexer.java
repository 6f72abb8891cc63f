package io.vigie.sentiment.index;

import io.vigie.contracts.MentionScored;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes scored mentions to the mentions index, by mention id: a replayed mention overwrites itself, never duplicates.
 *
 * <p>An update with the document as upsert rather than an {@code index}: the scored fields are replaced, but fields the
 * pipeline does not own (an analyst's {@code humanSentiment}) are kept when the same mention is delivered again.
 */
@Service
public class MentionIndexer {

    private final MentionUpdates updates;

    public MentionIndexer(MentionUpdates updates) {
        this.updates = updates;
    }

    public void index(MentionScored scored) {
        MentionDocument document = MentionDocument.from(scored);
        if (document.id() == null || document.id().isBlank()) {
            throw new IllegalArgumentException("scored mention has no id: cannot index it; fix the producer");
        }
        try {
            updates.update(document.id(), document, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not index mention " + document.id() + " into OpenSearch", e);
        }
    }
}
