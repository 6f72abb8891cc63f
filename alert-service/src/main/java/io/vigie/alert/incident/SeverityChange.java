package io.vigie.alert.incident;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;

import java.time.Instant;

/** One step of an incident's course as the detector saw it: its severity from {@code at} on. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeverityChange(Severity severity, AlertStatus status, double observed, Instant at) {
}
