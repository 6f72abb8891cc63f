package io.vigie.alert.incident;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * A note a person left on an incident. The text is stored and served as plain text, as typed: a client must insert
 * it as text (never as HTML).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Comment(String author, Instant at, String text) {
}
