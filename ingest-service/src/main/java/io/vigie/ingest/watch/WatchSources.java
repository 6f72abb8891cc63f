package io.vigie.ingest.watch;

import java.util.List;

/**
 * What connectors read: for a source type, the settings of every active watch that uses it. Connectors ask at
 * every poll cycle, so watches created, changed, paused or deleted at runtime take effect without a restart.
 */
public interface WatchSources {

    /** Bindings of active (not paused) watches to sources of this type, e.g. {@code "reddit"}. */
    List<SourceBinding> bindings(String sourceType);
}
