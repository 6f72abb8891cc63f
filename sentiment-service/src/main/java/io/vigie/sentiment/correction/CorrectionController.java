package io.vigie.sentiment.correction;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Analysts' corrections of a mention's sentiment, and their export as training data.
 *
 * <ul>
 *   <li>{@code PUT /api/mentions/{id}/sentiment} {@code {"label": "negative|neutral|positive", "note": "..."}}:
 *       records the label, credited to the {@code X-Vigie-User} header (the gateway sets it) or {@code anonymous}</li>
 *   <li>{@code DELETE /api/mentions/{id}/sentiment}: withdraws it</li>
 *   <li>{@code GET /api/mentions/corrections?format=jsonl}: every correction, one JSON object per line</li>
 * </ul>
 */
@RestController
public class CorrectionController {

    public static final String USER_HEADER = "X-Vigie-User";
    static final MediaType JSON_LINES = new MediaType("application", "x-ndjson", StandardCharsets.UTF_8);

    private final CorrectionService corrections;
    private final JsonMapper json;

    public CorrectionController(CorrectionService corrections, JsonMapper json) {
        this.corrections = corrections;
        this.json = json;
    }

    /** The body of a correction; validated by {@link CorrectionRequest} so each mistake is named. */
    public record CorrectionBody(String label, String note) {
    }

    /** The answer to a recorded correction. */
    public record RecordedCorrection(String id, HumanSentiment humanSentiment) {
    }

    @PutMapping(path = "/api/mentions/{id}/sentiment", consumes = MediaType.APPLICATION_JSON_VALUE)
    public RecordedCorrection record(@PathVariable String id, @RequestBody CorrectionBody body,
                                     @RequestHeader(name = USER_HEADER, required = false) String user) {
        CorrectionRequest request = CorrectionRequest.parse(body.label(), body.note(), user);
        return new RecordedCorrection(id, corrections.record(id, request));
    }

    @DeleteMapping("/api/mentions/{id}/sentiment")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void withdraw(@PathVariable String id) {
        corrections.withdraw(id);
    }

    @GetMapping("/api/mentions/corrections")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "jsonl") String format) {
        if (!format.equals("jsonl")) {
            throw new InvalidCorrectionException("format '" + format + "' is not supported: use format=jsonl");
        }
        StreamingResponseBody body = out -> corrections.export(example -> {
            try {
                out.write(json.writeValueAsBytes(example));
                out.write('\n');
            } catch (IOException e) {
                // The client went away: stop paging through OpenSearch for nobody.
                throw new UncheckedIOException("corrections export: the client stopped reading", e);
            }
        });
        return ResponseEntity.ok().contentType(JSON_LINES).body(body);
    }
}
