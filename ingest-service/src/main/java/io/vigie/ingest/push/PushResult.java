package io.vigie.ingest.push;

import java.util.List;

/**
 * What happened to a push.
 *
 * @param accepted   valid items, handed to the pipeline
 * @param published  acknowledged by Kafka
 * @param duplicates already published recently, not sent again
 * @param unmatched  matching no watch, dropped
 * @param truncated  items whose text was cut to the limit
 * @param rejected   invalid items, by 0-based index (JSON array position or JSONL line - 1)
 */
public record PushResult(int accepted, int published, int duplicates, int unmatched, int truncated,
                         List<Rejection> rejected) {

    /** @param index 0-based position of the item in the body */
    public record Rejection(int index, String error) {
    }
}
