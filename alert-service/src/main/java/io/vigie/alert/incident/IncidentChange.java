package io.vigie.alert.incident;

import java.util.Locale;

/** What just happened to an incident: the type of the event pushed to live clients. */
public enum IncidentChange {
    OPENED, ESCALATED, UPDATED, RESOLVED, REOPENED, ACKNOWLEDGED, ASSIGNED, COMMENTED, EXPLAINED;

    /** The lower-case name used as the Server-Sent Event name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
