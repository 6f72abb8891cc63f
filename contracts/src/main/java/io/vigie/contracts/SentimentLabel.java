package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Polarity of a mention; {@code UNSUPPORTED} when its language is not scored rather than a fake neutral. */
public enum SentimentLabel {
    @JsonProperty("negative") NEGATIVE,
    @JsonProperty("neutral") NEUTRAL,
    @JsonProperty("positive") POSITIVE,
    @JsonProperty("unsupported") UNSUPPORTED;

    private final String wireName = name().toLowerCase(java.util.Locale.ROOT);

    /** The lower-case name used in JSON, in OpenSearch and in the API. */
    public String wireName() {
        return wireName;
    }
}
