package io.vigie.ingest.source;

import io.vigie.contracts.MentionIngested;

import java.util.List;
import java.util.Map;

/**
 * What one fetch of a source instance returned.
 *
 * @param mentions    mapped mentions, before watch matching and de-duplication
 * @param nextCursor  cursor to keep once every mention is acknowledged
 * @param notModified true when the source said nothing changed (HTTP 304)
 * @param issues      entries skipped or repaired, by reason
 */
public record FetchResult(List<MentionIngested> mentions, SourceCursor nextCursor, boolean notModified,
                          Map<EntryIssue, Integer> issues) {

    public FetchResult {
        mentions = List.copyOf(mentions);
        issues = Map.copyOf(issues);
    }

    public static FetchResult notModified(SourceCursor cursor) {
        return new FetchResult(List.of(), cursor, true, Map.of());
    }
}
