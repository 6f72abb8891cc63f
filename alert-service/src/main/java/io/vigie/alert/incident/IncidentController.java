package io.vigie.alert.incident;

import io.vigie.contracts.Severity;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The incidents API under {@code /api/alerts}. The list is a JSON array of incidents, newest detection first, each
 * carrying the alert fields the former history served; the total count is in the {@code X-Total-Count} header.
 * Who acts is taken from the {@code X-Vigie-User} header ({@value #ANONYMOUS} without it).
 */
@RestController
@RequestMapping("/api/alerts")
class IncidentController {

    static final String USER_HEADER = "X-Vigie-User";
    static final String TOTAL_HEADER = "X-Total-Count";
    static final String ANONYMOUS = "anonymous";
    static final int MAX_NAME_LENGTH = 100;
    /** OpenSearch's default max_result_window: pages beyond it cannot be read. */
    static final int MAX_RESULT_WINDOW = 10_000;

    private final IncidentService incidents;
    private final IncidentProperties properties;

    IncidentController(IncidentService incidents, IncidentProperties properties) {
        this.incidents = incidents;
        this.properties = properties;
    }

    record AssignRequest(String assignee) {
    }

    record CommentRequest(String text) {
    }

    record ResolveRequest(String note) {
    }

    @GetMapping
    ResponseEntity<List<Incident>> list(@RequestParam(name = "watch", required = false) String watch,
                                        @RequestParam(name = "status", required = false) String status,
                                        @RequestParam(name = "severity", required = false) String severity,
                                        @RequestParam(name = "detector", required = false) String detector,
                                        @RequestParam(name = "from", required = false) String from,
                                        @RequestParam(name = "to", required = false) String to,
                                        @RequestParam(name = "page", defaultValue = "0") int page,
                                        @RequestParam(name = "size", defaultValue = "50") int size) {
        if (size < 1 || size > properties.maxPageSize()) {
            throw new IllegalArgumentException("size must be between 1 and " + properties.maxPageSize() + ", was " + size);
        }
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more (0 is the first page), was " + page);
        }
        if ((long) (page + 1) * size > MAX_RESULT_WINDOW) {
            throw new IllegalArgumentException("cannot page beyond the first " + MAX_RESULT_WINDOW
                    + " incidents; narrow the list with from/to, watch or status instead");
        }
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw new IllegalArgumentException("from must be before to, was from=" + from + " to=" + to);
        }
        IncidentQuery query = new IncidentQuery(blankToNull(watch), state(status), severity(severity),
                blankToNull(detector), fromInstant, toInstant, page, size);
        IncidentRepository.Page result = incidents.list(query);
        return ResponseEntity.ok().header(TOTAL_HEADER, Long.toString(result.total())).body(result.incidents());
    }

    @GetMapping("/{id}")
    Incident get(@PathVariable("id") String id) {
        return incidents.get(id);
    }

    @PostMapping("/{id}/ack")
    Incident acknowledge(@PathVariable("id") String id,
                         @RequestHeader(name = USER_HEADER, required = false) String user) {
        return incidents.acknowledge(id, user(user));
    }

    @PostMapping("/{id}/assign")
    Incident assign(@PathVariable("id") String id, @RequestHeader(name = USER_HEADER, required = false) String user,
                    @RequestBody(required = false) AssignRequest request) {
        String assignee = request == null ? null : request.assignee();
        if (assignee == null || assignee.isBlank()) {
            throw new IllegalArgumentException("assignee is required: send {\"assignee\": \"alice\"}");
        }
        return incidents.assign(id, name("assignee", assignee), user(user));
    }

    @PostMapping("/{id}/comments")
    Incident comment(@PathVariable("id") String id, @RequestHeader(name = USER_HEADER, required = false) String user,
                     @RequestBody(required = false) CommentRequest request) {
        String text = request == null ? null : request.text();
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("text is required and must not be blank: send {\"text\": \"...\"}");
        }
        return incidents.comment(id, user(user), text("text", text));
    }

    @PostMapping("/{id}/resolve")
    Incident resolve(@PathVariable("id") String id, @RequestHeader(name = USER_HEADER, required = false) String user,
                     @RequestBody(required = false) ResolveRequest request) {
        String note = request == null || request.note() == null || request.note().isBlank() ? null
                : text("note", request.note());
        return incidents.resolve(id, user(user), note);
    }

    private String text(String field, String value) {
        if (value.length() > properties.maxTextLength()) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long; the most is "
                    + properties.maxTextLength() + ": shorten it or link to a document");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new IllegalArgumentException(field + " contains control characters; send plain text");
        }
        return value;
    }

    static String user(String header) {
        return header == null || header.isBlank() ? ANONYMOUS : name(USER_HEADER, header);
    }

    private static String name(String field, String value) {
        String trimmed = value.strip();
        if (trimmed.length() > MAX_NAME_LENGTH || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must be a name of at most " + MAX_NAME_LENGTH
                    + " characters on one line");
        }
        return trimmed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2025-06-01T00:00:00Z, was '"
                    + value + "'");
        }
    }

    private static IncidentState state(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return IncidentState.fromWireName(status.strip().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new IllegalArgumentException("status must be one of open, acknowledged, resolved; was '" + status + "'"));
    }

    private static Severity severity(String severity) {
        if (severity == null || severity.isBlank()) {
            return null;
        }
        String wanted = severity.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(Severity.values()).filter(s -> s.name().equals(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("severity must be one of low, medium, high; was '" + severity + "'"));
    }
}
