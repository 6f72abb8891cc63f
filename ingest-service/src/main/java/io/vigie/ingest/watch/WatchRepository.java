package io.vigie.ingest.watch;

import io.vigie.contracts.WatchChanged;
import io.vigie.contracts.WatchDefinition;
import io.vigie.query.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The watches this instance knows, as the {@code watch-changed} topic says (see {@link WatchChangeLog}), each with
 * its compiled query. Changes replace the whole snapshot, so readers (matching, connectors) never lock and always
 * see a consistent list, in the order watches were first seen.
 */
public class WatchRepository implements WatchSources {

    private static final Logger log = LoggerFactory.getLogger(WatchRepository.class);

    private volatile Map<String, ActiveWatch> watches = Map.of();

    public WatchRepository() {
    }

    /** The watches of a configuration, checked the way the service checks {@code vigie.ingest.watches}. */
    public WatchRepository(List<Watch> configured) {
        validatedConfiguration(configured).forEach(this::put);
    }

    /** Every watch, paused ones included. */
    public List<WatchDefinition> definitions() {
        return watches.values().stream().map(ActiveWatch::definition).toList();
    }

    /** Active (not paused) watches in the short form, for callers that read feeds as a list. */
    public List<Watch> all() {
        return active().stream().map(watch -> Watch.of(watch.definition())).toList();
    }

    public Optional<WatchDefinition> find(String id) {
        return Optional.ofNullable(watches.get(id)).map(ActiveWatch::definition);
    }

    @Override
    public List<SourceBinding> bindings(String sourceType) {
        return active().stream()
                .flatMap(watch -> watch.definition().sources().stream()
                        .filter(source -> source.type().equals(sourceType))
                        .map(source -> new SourceBinding(watch.id(), source, watch.definition().pollInterval())))
                .toList();
    }

    /** Watches that are matched and polled, with their compiled queries. */
    List<ActiveWatch> active() {
        return watches.values().stream().filter(watch -> !watch.definition().paused()).toList();
    }

    /** Applies one change read from the topic; a watch whose query no longer parses is logged and skipped. */
    public void apply(WatchChanged change) {
        if (change.deleted()) {
            remove(change.watchId());
            return;
        }
        try {
            put(change.watch());
        } catch (RuntimeException e) {
            log.error("watch '{}' from the watch topic is not usable and is ignored: {}", change.watchId(),
                    e.getMessage());
        }
    }

    public synchronized void put(WatchDefinition definition) {
        ActiveWatch compiled = new ActiveWatch(definition, Query.parse(definition.query()));
        Map<String, ActiveWatch> next = new LinkedHashMap<>(watches);
        next.put(definition.id(), compiled);
        watches = next;
    }

    public synchronized void remove(String id) {
        if (watches.containsKey(id)) {
            Map<String, ActiveWatch> next = new LinkedHashMap<>(watches);
            next.remove(id);
            watches = next;
        }
    }

    /**
     * Checks the configured watches once at start-up so a typo stops the service with a message instead of
     * silently monitoring nothing.
     */
    public static List<WatchDefinition> validatedConfiguration(List<Watch> configured) {
        List<String> problems = new ArrayList<>();
        List<WatchDefinition> definitions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < configured.size(); i++) {
            Watch watch = configured.get(i);
            String where = "vigie.ingest.watches[" + i + "]";
            if (watch.id() == null || watch.id().isBlank()) {
                problems.add(where + ": give the watch an id");
                continue;
            }
            if (!ids.add(watch.id())) {
                problems.add(where + ": id '" + watch.id() + "' is used twice; give each watch its own id");
            }
            int before = problems.size();
            if (watch.keywords().stream().allMatch(keyword -> keyword == null || keyword.isBlank())) {
                problems.add(where + " ('" + watch.id() + "'): list at least one keyword, or it can match nothing");
            }
            for (String feed : watch.feeds()) {
                if (!WatchValidator.isHttpUrl(feed)) {
                    problems.add(where + " ('" + watch.id() + "'): feed '" + feed + "' is not an http(s) URL");
                }
            }
            if (problems.size() > before) {
                continue;
            }
            try {
                definitions.add(WatchValidator.validated(watch.toDefinition()));
            } catch (InvalidWatchException e) {
                problems.add(where + " ('" + watch.id() + "'): " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid watch configuration:\n  " + String.join("\n  ", problems));
        }
        return definitions;
    }

    /** A watch with its query compiled once, for matching every fetched mention. */
    record ActiveWatch(WatchDefinition definition, Query query) {

        String id() {
            return definition.id();
        }
    }
}
