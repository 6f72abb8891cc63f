package io.vigie.ingest.watch;

import io.vigie.contracts.WatchAlerting;
import io.vigie.contracts.WatchDefinition;
import io.vigie.contracts.WatchSource;

import java.time.Duration;
import java.util.List;

/**
 * A watch as sent to the API: the fields of {@link WatchDefinition}, each optional at this stage (the validator
 * says which are missing) and {@code paused} defaulting to false.
 */
public record WatchRequest(String id, String name, String query, List<String> languages, String timeZone,
                           Boolean paused, Duration pollInterval, List<WatchSource> sources,
                           WatchAlerting alerting) {

    WatchDefinition toDefinition() {
        return new WatchDefinition(id, name, query, languages, timeZone, Boolean.TRUE.equals(paused), pollInterval,
                sources, alerting);
    }
}
