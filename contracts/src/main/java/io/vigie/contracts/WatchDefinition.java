package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Duration;
import java.util.List;

/**
 * What to monitor: a brand or topic.
 *
 * @param id           stable identifier carried by every matching mention ({@code watchIds})
 * @param name         human-readable name
 * @param query        boolean query in Vigie's query language (see the README), applied to every fetched mention
 * @param languages    ISO 639-1 codes the watch is limited to; empty means all
 * @param timeZone     IANA time zone of the team (daily and weekly rhythms, quiet hours), e.g. {@code Europe/Paris}
 * @param paused       a paused watch is kept but not polled or matched
 * @param pollInterval time between two polls of its sources; null for each connector's default
 * @param sources      the sources to read, with per-source settings
 * @param alerting     how the watch alerts and whom it tells; null for alert-service's defaults
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WatchDefinition(
        String id,
        String name,
        String query,
        List<String> languages,
        String timeZone,
        boolean paused,
        Duration pollInterval,
        List<WatchSource> sources,
        WatchAlerting alerting) {

    public WatchDefinition {
        languages = languages == null ? List.of() : List.copyOf(languages);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** A watch with alert-service's default alerting. */
    public WatchDefinition(String id, String name, String query, List<String> languages, String timeZone,
                           boolean paused, Duration pollInterval, List<WatchSource> sources) {
        this(id, name, query, languages, timeZone, paused, pollInterval, sources, null);
    }
}
