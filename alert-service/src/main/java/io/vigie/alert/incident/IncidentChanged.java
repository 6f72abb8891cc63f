package io.vigie.alert.incident;

/**
 * A stored change on {@code incident-changed}, keyed by incident id.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param origin        the replica run that stored it (a random id per start)
 * @param sequence      its place among that run's records on the same partition, from 1 without holes: a reader that
 *                      sees a hole knows a record was lost and tells its clients to reload
 * @param change        what happened
 * @param incident      the incident as stored
 * @param version       the version of that write: two replicas writing the same incident within milliseconds may
 *                      send in the other order, and a reader drops the older state
 */
record IncidentChanged(int schemaVersion, String origin, long sequence, IncidentChange change, Incident incident,
                       IncidentRepository.Version version) {

    static final int SCHEMA_VERSION = 1;
}
