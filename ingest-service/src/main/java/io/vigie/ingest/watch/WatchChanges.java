package io.vigie.ingest.watch;

import io.vigie.contracts.WatchChanged;

/** Where watch changes are recorded: the {@code watch-changed} topic in the service, a list in unit tests. */
public interface WatchChanges {

    /**
     * Records a change durably (a deletion also writes a tombstone) and applies it to this instance's watches.
     *
     * @throws WatchStoreUnavailableException when the change could not be stored; nothing was applied
     */
    void record(WatchChanged change);
}
