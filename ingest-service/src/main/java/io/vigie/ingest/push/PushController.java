package io.vigie.ingest.push;

import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.config.HumanUnits;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.PublishReport;
import io.vigie.ingest.watch.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Mentions pushed by other systems (a review platform's webhook, a script): one JSON object, a JSON array, or JSONL
 * ({@code application/x-ndjson}). Each valid item is matched and published like a fetched one; the answer (202)
 * comes once Kafka has acknowledged them, and lists the invalid items by index with the reason.
 */
@RestController
public class PushController {

    static final String NDJSON = "application/x-ndjson";

    private final MentionPipeline pipeline;
    private final JsonMapper json;
    private final PushProperties properties;
    private final Clock clock;

    public PushController(MentionPipeline pipeline, JsonMapper json, PushProperties properties, Clock clock) {
        this.pipeline = pipeline;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(path = "/api/ingest/mentions", consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    public ResponseEntity<?> push(HttpServletRequest request) throws IOException {
        long limit = properties.maxBodySize().toBytes();
        if (request.getContentLengthLong() > limit) {
            return tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        if (body.length > limit) {
            return tooLarge();
        }
        List<JsonNode> items = new ArrayList<>();
        List<PushResult.Rejection> rejected = new ArrayList<>();
        if (MediaType.parseMediaType(request.getContentType()).isCompatibleWith(MediaType.parseMediaType(NDJSON))) {
            String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                try {
                    items.add(json.readTree(lines[i]));
                } catch (JacksonException e) {
                    items.add(null);
                    rejected.add(new PushResult.Rejection(items.size() - 1, "line " + (i + 1)
                            + " is not valid JSON: " + e.getOriginalMessage()));
                }
            }
        } else {
            JsonNode root;
            try {
                root = json.readTree(body);
            } catch (JacksonException e) {
                return ResponseEntity.badRequest().body(ApiError.of("the body is not valid JSON: "
                        + e.getOriginalMessage() + "; send one object, an array of objects, or JSONL with "
                        + "Content-Type " + NDJSON));
            }
            if (root != null && root.isArray()) {
                root.forEach(items::add);
            } else {
                items.add(root);
            }
        }
        Instant fetchedAt = clock.instant();
        List<MentionIngested> mentions = new ArrayList<>();
        int truncated = 0;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                continue;
            }
            try {
                MentionItems.Item item = MentionItems.toMention(items.get(i), fetchedAt, false,
                        properties.maxTextLength());
                mentions.add(item.mention());
                truncated += item.truncated() ? 1 : 0;
            } catch (InvalidMentionException e) {
                rejected.add(new PushResult.Rejection(i, e.getMessage()));
            }
        }
        rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
        PublishReport report = pipeline.publish(mentions);
        if (report.failed() > 0) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(ApiError.of(report.failed()
                    + " mention(s) not acknowledged by Kafka (" + report.failure() + "); send the same body again: "
                    + "mentions already stored are not duplicated"));
        }
        return ResponseEntity.accepted().body(new PushResult(mentions.size(), report.published(),
                report.duplicates(), report.unmatched(), truncated, rejected));
    }

    private ResponseEntity<ApiError> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ApiError.of("the body is larger than "
                + HumanUnits.of(properties.maxBodySize()) + " (vigie.ingest.push.max-body-size): split it, or use "
                + "the file import POST /api/ingest/import for bulk"));
    }
}
