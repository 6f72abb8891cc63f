package io.vigie.alert.incident;

/**
 * Where {@link IncidentService} hands a change once it is stored: on its way to the live clients of every replica
 * ({@link KafkaIncidentChanges}), or of this one only ({@link LocalIncidentChanges}). Never throws: the change is
 * stored, and a client that misses it is told to reload.
 */
interface IncidentChanges {

    /** @param version the write's version: readers drop a change older than one of the same incident already passed on */
    void stored(IncidentChange change, Incident incident, IncidentRepository.Version version);
}
