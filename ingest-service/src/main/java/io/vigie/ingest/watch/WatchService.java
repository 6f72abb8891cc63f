package io.vigie.ingest.watch;

import io.vigie.contracts.WatchChanged;
import io.vigie.contracts.WatchDefinition;
import io.vigie.query.Query;
import io.vigie.query.QueryDocument;

import java.time.Clock;
import java.util.List;

/**
 * What the watch API does: every change is validated, then recorded on the watch topic (which applies it here and,
 * through the topic, on every other instance). Serialised per instance so two requests on one id cannot interleave
 * their existence checks.
 */
public class WatchService {

    private final WatchRepository repository;
    private final WatchChanges changes;
    private final Clock clock;

    public WatchService(WatchRepository repository, WatchChanges changes, Clock clock) {
        this.repository = repository;
        this.changes = changes;
        this.clock = clock;
    }

    public List<WatchDefinition> list() {
        return repository.definitions();
    }

    public WatchDefinition get(String id) {
        return repository.find(id).orElseThrow(() -> new WatchNotFoundException(id));
    }

    public synchronized WatchDefinition create(WatchDefinition requested, String user) {
        WatchDefinition watch = WatchValidator.validated(requested);
        if (repository.find(watch.id()).isPresent()) {
            throw new WatchConflictException(watch.id());
        }
        return store(watch, user);
    }

    /**
     * Replaces a watch's definition, alerting settings included (a body without {@code alerting} goes back to
     * alert-service's defaults); whether it is paused is kept (pause and resume say that).
     */
    public synchronized WatchDefinition update(String id, WatchDefinition requested, String user) {
        if (requested != null && requested.id() != null && !requested.id().equals(id)) {
            throw new InvalidWatchException("id", "the body's id '" + requested.id() + "' differs from the URL's '"
                    + id + "'; a watch's id cannot change: create a new watch and delete this one");
        }
        WatchDefinition existing = get(id);
        WatchDefinition watch = WatchValidator.validated(requested == null ? null
                : new WatchDefinition(id, requested.name(), requested.query(), requested.languages(),
                        requested.timeZone(), existing.paused(), requested.pollInterval(), requested.sources(),
                        requested.alerting()));
        return store(watch, user);
    }

    public synchronized WatchDefinition setPaused(String id, boolean paused, String user) {
        WatchDefinition existing = get(id);
        if (existing.paused() == paused) {
            return existing;
        }
        return store(new WatchDefinition(existing.id(), existing.name(), existing.query(), existing.languages(),
                existing.timeZone(), paused, existing.pollInterval(), existing.sources(), existing.alerting()), user);
    }

    public synchronized void delete(String id, String user) {
        get(id);
        changes.record(new WatchChanged(WatchChanged.SCHEMA_VERSION, id, null, clock.instant(), user));
    }

    /** Whether a query matches a sample mention, without storing anything. */
    public boolean test(String query, QueryDocument sample) {
        WatchValidator.checkQuery(query);
        return Query.parse(query).matches(sample);
    }

    private WatchDefinition store(WatchDefinition watch, String user) {
        changes.record(new WatchChanged(WatchChanged.SCHEMA_VERSION, watch.id(), watch, clock.instant(), user));
        return watch;
    }
}
