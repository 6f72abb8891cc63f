package io.vigie.ingest.watch;

import io.vigie.contracts.WatchSource;

/**
 * One source of one watch: what a connector reads on behalf of that watch.
 *
 * @param watchId the watch
 * @param source  the source type, its settings and credential reference
 */
public record SourceBinding(String watchId, WatchSource source) {
}
