package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an alert (an incident: one episode of one detector on one watch) stands when this event is sent. The same
 * alert id is sent again when the incident escalates or resolves, so a consumer keeps the latest.
 */
public enum AlertStatus {
    /** First notification of the episode. */
    @JsonProperty("open") OPEN,
    /** The episode grew worse: its severity went up. */
    @JsonProperty("escalated") ESCALATED,
    /** Newer figures for an open episode, same severity: stored, not notified. */
    @JsonProperty("updated") UPDATED,
    /** The metrics are back to their baseline for a while. */
    @JsonProperty("resolved") RESOLVED
}
