package io.vigie.alert.incident;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest version passed on per incident: two replicas that write the same incident within milliseconds send
 * after their writes, in either order, and the older state must not overwrite the newer one on the clients' screens.
 * Not thread-safe: one reader thread.
 */
final class IncidentVersions {

    /** Incidents remembered at most; beyond, the least recently changed are forgotten (their changes are old). */
    static final int MAX_TRACKED = 10_000;

    private final Map<String, IncidentRepository.Version> latest = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IncidentRepository.Version> eldest) {
            return size() > MAX_TRACKED;
        }
    };

    /** @return whether this write is later than every one passed on for the incident (and remembers it if so) */
    boolean newer(String incidentId, IncidentRepository.Version version) {
        if (version == null) {
            return true;
        }
        IncidentRepository.Version before = latest.get(incidentId);
        if (before != null && version.compareTo(before) <= 0) {
            return false;
        }
        latest.put(incidentId, version);
        return true;
    }
}
