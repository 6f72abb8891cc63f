package io.vigie.ingest.importer;

import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.PublishReport;
import io.vigie.ingest.push.InvalidMentionException;
import io.vigie.ingest.push.MentionItems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One import: reads a spooled CSV or JSONL file line by line (never whole), turns each record into a mention,
 * publishes them in batches through the pipeline and keeps the counts and the per-line errors. A line that is not
 * valid UTF-8, not valid JSON or not a valid mention is reported and skipped; the rest goes on.
 */
final class ImportJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ImportJob.class);
    private static final int PUBLISH_ATTEMPTS = 5;

    private final String id;
    private final ImportFormat format;
    private final Path file;
    private final MentionPipeline pipeline;
    private final JsonMapper json;
    private final ImportProperties properties;
    private final int maxTextLength;
    private final Clock clock;
    private final Instant startedAt;
    private final List<ImportReport.LineError> errors = new ArrayList<>();
    private String status = "running";
    private long linesRead;
    private long published;
    private long duplicates;
    private long unmatched;
    private long rejected;
    private long truncated;
    private Instant finishedAt;
    private String failure;

    ImportJob(String id, ImportFormat format, Path file, MentionPipeline pipeline, JsonMapper json,
              ImportProperties properties, int maxTextLength, Clock clock) {
        this.id = id;
        this.format = format;
        this.file = file;
        this.pipeline = pipeline;
        this.json = json;
        this.properties = properties;
        this.maxTextLength = maxTextLength;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    synchronized ImportReport report() {
        return new ImportReport(id, format.name().toLowerCase(), status, linesRead, published, duplicates, unmatched,
                rejected, truncated, List.copyOf(errors), startedAt, finishedAt, failure);
    }

    synchronized boolean finished() {
        return finishedAt != null;
    }

    @Override
    public void run() {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            read(in);
            finish("completed", null);
        } catch (ImportStoppedException e) {
            finish("failed", e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.error("import {}: stopped by an unexpected error", id, e);
            finish("failed", "unexpected error: " + e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("import {}: cannot delete the spooled file {}: {}", id, file, e.getMessage());
            }
        }
        ImportReport report = report();
        log.info("import {} {}: {} lines, {} published, {} duplicates, {} matching no watch, {} rejected{}", id,
                report.status(), report.linesRead(), report.published(), report.duplicates(), report.unmatched(),
                report.rejected(), report.failure() == null ? "" : " (" + report.failure() + ")");
    }

    private void read(InputStream in) throws IOException {
        List<MentionIngested> batch = new ArrayList<>();
        List<String> header = null;
        StringBuilder record = new StringBuilder();
        long recordLine = 0;
        boolean recordValid = true;
        String recordError = null;
        long lineNumber = 0;
        byte[] line;
        while ((line = nextLine(in)) != null) {
            lineNumber++;
            synchronized (this) {
                linesRead = lineNumber;
            }
            String text;
            String decodeError = null;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
            } catch (CharacterCodingException e) {
                text = new String(line, StandardCharsets.UTF_8);
                decodeError = "not valid UTF-8; save the file as UTF-8";
            }
            if (lineNumber == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (format == ImportFormat.JSONL) {
                if (text.isBlank()) {
                    continue;
                }
                if (decodeError != null) {
                    reject(lineNumber, decodeError);
                    continue;
                }
                String jsonLine = text;
                handle(lineNumber, () -> json.readTree(jsonLine), batch);
            } else {
                if (record.isEmpty()) {
                    recordLine = lineNumber;
                    recordValid = true;
                    recordError = null;
                } else {
                    record.append('\n');
                }
                record.append(text);
                if (decodeError != null && recordValid) {
                    recordValid = false;
                    recordError = decodeError;
                }
                if (CsvRecords.insideQuotes(record)) {
                    continue;
                }
                String complete = record.toString();
                record.setLength(0);
                if (complete.isBlank()) {
                    continue;
                }
                if (header == null) {
                    if (!recordValid) {
                        throw new ImportStoppedException("line 1 (the header) is " + recordError);
                    }
                    header = CsvRecords.fields(complete).stream().map(String::strip).toList();
                    if (!header.contains("nativeId")) {
                        throw new ImportStoppedException("the first line must be the header naming the columns, "
                                + "with at least nativeId, publishedAt and text; got " + header);
                    }
                    continue;
                }
                if (!recordValid) {
                    reject(recordLine, recordError);
                    continue;
                }
                List<String> columns = header;
                handle(recordLine, () -> row(columns, complete), batch);
            }
            if (batch.size() >= properties.batchSize()) {
                publish(batch);
            }
        }
        if (!record.isEmpty()) {
            reject(recordLine, "a quoted field is never closed before the end of the file");
        }
        publish(batch);
    }

    private void handle(long lineNumber, ItemSource source, List<MentionIngested> batch) {
        try {
            MentionItems.Item item = MentionItems.toMention(source.read(), clock.instant(), true, maxTextLength);
            batch.add(item.mention());
            if (item.truncated()) {
                synchronized (this) {
                    truncated++;
                }
            }
        } catch (JacksonException e) {
            reject(lineNumber, "not valid JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            reject(lineNumber, "not valid CSV: " + e.getMessage());
        } catch (InvalidMentionException e) {
            reject(lineNumber, e.getMessage());
        }
    }

    private JsonNode row(List<String> header, String record) {
        List<String> fields = CsvRecords.fields(record);
        if (fields.size() != header.size()) {
            throw new IllegalArgumentException(fields.size() + " fields where the header has " + header.size());
        }
        ObjectNode row = json.createObjectNode();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            int dot = column.indexOf('.');
            if (dot < 0) {
                row.put(column, fields.get(i));
            } else {
                JsonNode parent = row.get(column.substring(0, dot));
                ObjectNode object = parent instanceof ObjectNode existing ? existing
                        : row.putObject(column.substring(0, dot));
                object.put(column.substring(dot + 1), fields.get(i));
            }
        }
        return row;
    }

    private void publish(List<MentionIngested> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            PublishReport report = pipeline.publish(batch);
            synchronized (this) {
                published += report.published();
                duplicates += report.duplicates();
                unmatched += report.unmatched();
            }
            if (report.failed() == 0) {
                batch.clear();
                return;
            }
            if (attempt == PUBLISH_ATTEMPTS) {
                throw new ImportStoppedException(report.failed() + " mention(s) not acknowledged by Kafka after "
                        + attempt + " attempts (" + report.failure() + "); check the brokers and import the file "
                        + "again: mentions already stored are not duplicated");
            }
            // Only the unacknowledged ones are sent again: the others are now recent duplicates.
            try {
                Thread.sleep(1_000L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportStoppedException("interrupted: the service is stopping");
            }
        }
    }

    private synchronized void reject(long lineNumber, String error) {
        rejected++;
        if (errors.size() < properties.maxErrors()) {
            errors.add(new ImportReport.LineError(lineNumber, error));
        }
    }

    private synchronized void finish(String outcome, String reason) {
        status = outcome;
        failure = reason;
        finishedAt = clock.instant();
    }

    /** The next line without its line break ({@code \n} or {@code \r\n}), or null at the end. */
    private static byte[] nextLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        if (!any) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            return Arrays.copyOf(bytes, bytes.length - 1);
        }
        return bytes;
    }

    @FunctionalInterface
    private interface ItemSource {
        JsonNode read() throws InvalidMentionException;
    }

    private static final class ImportStoppedException extends RuntimeException {
        ImportStoppedException(String message) {
            super(message);
        }
    }
}
