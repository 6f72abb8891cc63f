package io.vigie.ingest.importer;

import io.vigie.ingest.watch.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;

/**
 * Backfill of historical mentions from a file sent as the raw request body: CSV ({@code Content-Type: text/csv})
 * or JSONL ({@code application/x-ndjson}). Answers 202 with the import's id at once; its progress and per-line
 * errors are at {@code GET /api/ingest/import/{id}}.
 */
@RestController
public class ImportController {

    private final ImportService imports;

    public ImportController(ImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/ingest/import", consumes = {"text/csv", "application/x-ndjson"})
    public ResponseEntity<?> start(HttpServletRequest request) throws IOException {
        ImportFormat format = MediaType.parseMediaType(request.getContentType())
                .isCompatibleWith(MediaType.parseMediaType("text/csv")) ? ImportFormat.CSV : ImportFormat.JSONL;
        try {
            ImportReport started = imports.start(format, request.getInputStream());
            return ResponseEntity.accepted().location(URI.create("/api/ingest/import/" + started.id())).body(started);
        } catch (ImportTooLargeException e) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ApiError.of(e.getMessage()));
        }
    }

    @GetMapping("/api/ingest/import/{id}")
    public ResponseEntity<?> report(@PathVariable String id) {
        return imports.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("no import '" + id
                        + "' (reports are kept in memory until the service restarts)")));
    }
}
