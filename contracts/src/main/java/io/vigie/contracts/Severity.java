package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How urgently the team should look at an alert. */
public enum Severity {
    @JsonProperty("low") LOW,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("high") HIGH
}
