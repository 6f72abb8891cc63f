package io.vigie.ingest.watch;

import io.vigie.contracts.WatchChanged;

import java.util.ArrayList;
import java.util.List;

/** Stands in for the watch topic in unit tests: keeps the changes and applies them to the repository. */
public class InMemoryWatchChanges implements WatchChanges {

    private final WatchRepository repository;
    private final List<WatchChanged> recorded = new ArrayList<>();

    public InMemoryWatchChanges(WatchRepository repository) {
        this.repository = repository;
    }

    @Override
    public synchronized void record(WatchChanged change) {
        recorded.add(change);
        repository.apply(change);
    }

    public synchronized List<WatchChanged> recorded() {
        return List.copyOf(recorded);
    }
}
