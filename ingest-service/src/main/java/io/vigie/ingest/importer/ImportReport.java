package io.vigie.ingest.importer;

import java.time.Instant;
import java.util.List;

/**
 * Progress and outcome of a file import.
 *
 * @param id         the import
 * @param format     {@code csv} or {@code jsonl}
 * @param status     {@code running}, {@code completed} or {@code failed}
 * @param linesRead  physical lines read so far (header included)
 * @param published  mentions acknowledged by Kafka
 * @param duplicates mentions already published recently, not sent again
 * @param unmatched  mentions matching no watch, dropped
 * @param rejected   lines (records) that could not become a mention
 * @param truncated  mentions whose text was cut to the limit
 * @param errors     the first rejected lines with why, by 1-based line number
 * @param failure    why a failed import stopped; null otherwise
 */
public record ImportReport(String id, String format, String status, long linesRead, long published, long duplicates,
                           long unmatched, long rejected, long truncated, List<LineError> errors,
                           Instant startedAt, Instant finishedAt, String failure) {

    /** @param line 1-based line number (for a CSV record over several lines, its first line) */
    public record LineError(long line, String error) {
    }
}
