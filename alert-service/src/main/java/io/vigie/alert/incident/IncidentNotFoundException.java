package io.vigie.alert.incident;

/** No incident has this id (HTTP 404). */
public class IncidentNotFoundException extends RuntimeException {

    public IncidentNotFoundException(String id) {
        super("no incident with id '" + id + "'; list them with GET /api/alerts");
    }
}
