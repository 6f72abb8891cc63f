package io.vigie.alert.incident;

import io.vigie.contracts.Severity;

import java.time.Instant;

/**
 * A listing request; null filters match everything.
 *
 * @param from detections raised at or after this instant
 * @param to   detections raised before this instant
 * @param page zero-based page number
 * @param size incidents per page
 */
record IncidentQuery(String watchId, IncidentState state, Severity severity, String detector, Instant from, Instant to,
                     int page, int size) {
}
