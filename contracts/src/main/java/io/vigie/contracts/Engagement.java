package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Engagement counts, each null when the source does not tell it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Engagement(Long likes, Long shares, Long comments, Long views) {
}
