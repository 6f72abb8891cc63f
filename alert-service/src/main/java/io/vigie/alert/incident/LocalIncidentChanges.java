package io.vigie.alert.incident;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** {@code fan-out: local}: a change goes straight to this replica's clients; for a single replica only. */
@Component
@ConditionalOnProperty(name = "vigie.alert.incidents.stream.fan-out", havingValue = "local")
class LocalIncidentChanges implements IncidentChanges {

    private final IncidentFeed feed;

    LocalIncidentChanges(IncidentFeed feed) {
        this.feed = feed;
    }

    @Override
    public void stored(IncidentChange change, Incident incident, IncidentRepository.Version version) {
        feed.publish(change, incident);
    }
}
