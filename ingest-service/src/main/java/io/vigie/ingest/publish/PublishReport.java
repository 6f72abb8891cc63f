package io.vigie.ingest.publish;

/**
 * What happened to a batch of fetched items.
 *
 * @param published  acknowledged by Kafka
 * @param duplicates already published by this process, not sent again
 * @param unmatched  matched no watch, dropped
 * @param failed     not acknowledged by Kafka; their ids are forgotten so the next fetch sends them again
 * @param failure    why the first failed one failed, null when none did
 */
public record PublishReport(int published, int duplicates, int unmatched, int failed, String failure) {

    public static final PublishReport NOTHING = new PublishReport(0, 0, 0, 0, null);
}
