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
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;

/**
 * Backfill of historical mentions from a file sent as the raw request body: CSV ({@code Content-Type: text/csv})
 * or JSONL ({@code application/x-ndjson}), or as the part {@code file} of a {@code multipart/form-data} upload (an
 * HTML form, {@code curl -F file=@history.csv}). Answers 202 with the import's id at once; its progress and per-line
 * errors are at {@code GET /api/ingest/import/{id}}.
 */
@RestController
public class ImportController {

    private static final String FILE_PART = "file";

    private final ImportService imports;

    public ImportController(ImportService imports) {
        this.imports = imports;
    }

    @PostMapping(path = "/api/ingest/import", consumes = {"text/csv", "application/x-ndjson"})
    public ResponseEntity<?> start(HttpServletRequest request) throws IOException {
        ImportFormat format = MediaType.parseMediaType(request.getContentType())
                .isCompatibleWith(MediaType.parseMediaType("text/csv")) ? ImportFormat.CSV : ImportFormat.JSONL;
        return start(format, request.getInputStream());
    }

    /** The same import from a form upload, read as it arrives (multipart parsing by the servlet is off). */
    @PostMapping(path = "/api/ingest/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> upload(HttpServletRequest request) throws IOException {
        MultipartUpload file;
        try {
            file = MultipartUpload.open(request.getInputStream(), request.getContentType(), FILE_PART);
        } catch (MultipartUpload.InvalidUploadException e) {
            return ResponseEntity.badRequest().body(new ApiError(e.getMessage(), FILE_PART, null));
        }
        ImportFormat format = formatOf(file.contentType(), file.fileName());
        if (format == null) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(new ApiError("cannot tell whether '"
                    + file.fileName() + "' (" + file.contentType() + ") is CSV or JSONL: name the file .csv or .jsonl, "
                    + "or give the part the content type text/csv or application/x-ndjson", FILE_PART, null));
        }
        return start(format, file);
    }

    private ResponseEntity<?> start(ImportFormat format, InputStream upload) throws IOException {
        try {
            ImportReport started = imports.start(format, upload);
            return ResponseEntity.accepted().location(URI.create("/api/ingest/import/" + started.id())).body(started);
        } catch (ImportTooLargeException e) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ApiError.of(e.getMessage()));
        }
    }

    /** The part's content type if it says, else the file name's extension; null when neither does. */
    static ImportFormat formatOf(String contentType, String fileName) {
        if ("text/csv".equals(contentType)) {
            return ImportFormat.CSV;
        }
        if ("application/x-ndjson".equals(contentType) || "application/jsonl".equals(contentType)) {
            return ImportFormat.JSONL;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return ImportFormat.CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return ImportFormat.JSONL;
        }
        return null;
    }

    @GetMapping("/api/ingest/import/{id}")
    public ResponseEntity<?> report(@PathVariable String id) {
        return imports.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ApiError.of("no import '" + id
                        + "' (reports are kept in memory until the service restarts)")));
    }
}
