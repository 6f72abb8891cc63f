package io.vigie.alert.incident;

/** One event a test SSE client received: its id, its name and the id of the incident in its data. */
record SseEvent(String id, String type, String incidentId) {
}
