package io.vigie.ingest.watch;

import io.vigie.contracts.WatchDefinition;
import io.vigie.query.QueryDocument;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * Watches managed at runtime. Changes are answered once Kafka has stored them, and apply to every ingest instance.
 * The user is the {@code X-Vigie-User} header the gateway sets ({@code anonymous} without it).
 */
@RestController
@RequestMapping("/api/watches")
public class WatchController {

    private static final String USER_HEADER = "X-Vigie-User";
    private static final String ANONYMOUS = "anonymous";

    private final WatchService watches;

    public WatchController(WatchService watches) {
        this.watches = watches;
    }

    @GetMapping
    public List<WatchDefinition> list() {
        return watches.list();
    }

    @GetMapping("/{id}")
    public WatchDefinition get(@PathVariable String id) {
        return watches.get(id);
    }

    @PostMapping
    public ResponseEntity<WatchDefinition> create(@RequestBody(required = false) WatchRequest watch,
                                                  @RequestHeader(name = USER_HEADER, defaultValue = ANONYMOUS) String user) {
        WatchDefinition created = watches.create(watch == null ? null : watch.toDefinition(), user);
        return ResponseEntity.created(URI.create("/api/watches/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    public WatchDefinition update(@PathVariable String id, @RequestBody(required = false) WatchRequest watch,
                                  @RequestHeader(name = USER_HEADER, defaultValue = ANONYMOUS) String user) {
        return watches.update(id, watch == null ? null : watch.toDefinition(), user);
    }

    @PostMapping("/{id}/pause")
    public WatchDefinition pause(@PathVariable String id,
                                 @RequestHeader(name = USER_HEADER, defaultValue = ANONYMOUS) String user) {
        return watches.setPaused(id, true, user);
    }

    @PostMapping("/{id}/resume")
    public WatchDefinition resume(@PathVariable String id,
                                  @RequestHeader(name = USER_HEADER, defaultValue = ANONYMOUS) String user) {
        return watches.setPaused(id, false, user);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id,
                                       @RequestHeader(name = USER_HEADER, defaultValue = ANONYMOUS) String user) {
        watches.delete(id, user);
        return ResponseEntity.noContent().build();
    }

    /** Tries a query on a sample mention without storing anything. */
    @PostMapping("/test")
    public QueryTestResult test(@RequestBody(required = false) QueryTest test) {
        if (test == null) {
            throw new InvalidWatchException("query", "send {\"query\": ..., \"text\": ...} with an optional title, "
                    + "author and lang");
        }
        boolean matches = watches.test(test.query(), QueryDocument.of(test.title(), test.text(), test.author(),
                null, test.lang(), test.source()));
        return new QueryTestResult(matches);
    }

    /** A query and a sample mention to try it on; every part but the query may be null. */
    public record QueryTest(String query, String title, String text, String author, String lang, String source) {
    }

    public record QueryTestResult(boolean matches) {
    }
}
