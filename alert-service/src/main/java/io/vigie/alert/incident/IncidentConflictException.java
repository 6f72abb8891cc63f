package io.vigie.alert.incident;

/** A transition the incident's current state does not allow (HTTP 409); the message says why and what to do. */
public class IncidentConflictException extends RuntimeException {

    public IncidentConflictException(String message) {
        super(message);
    }
}
