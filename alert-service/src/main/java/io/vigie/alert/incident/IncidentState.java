package io.vigie.alert.incident;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where the team stands on an incident; the detector's own view is {@link Incident#status()}. */
public enum IncidentState {
    /** Nobody has taken it yet. */
    @JsonProperty("open") OPEN,
    /** Someone said "I'm on it". */
    @JsonProperty("acknowledged") ACKNOWLEDGED,
    /** Over: a person closed it, or the metrics went back to their baseline. */
    @JsonProperty("resolved") RESOLVED;

    /** The lower-case name used in JSON, in OpenSearch and in the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<IncidentState> fromWireName(String value) {
        return Arrays.stream(values()).filter(state -> state.wireName().equals(value)).findFirst();
    }
}
