package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How readily a detector alerts: a preset of its thresholds. {@code off} disables it for a watch. */
public enum Sensitivity {
    @JsonProperty("off") OFF,
    @JsonProperty("low") LOW,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("high") HIGH
}
