package io.vigie.ingest.source.demo;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vigie.contracts.Author;
import io.vigie.contracts.Engagement;
import io.vigie.contracts.Rating;

/**
 * One line of the demo dataset. The generator's {@code tone} label is deliberately not read: it is the ground
 * truth tests compare the pipeline's scores with, and the pipeline must not see it.
 *
 * @param offsetSeconds seconds relative to the replay start: negative lines are history, the others are live
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record DemoLine(Long offsetSeconds, String nativeId, String sourceName, String url, Author author, String title,
                String text, String lang, Engagement engagement, Rating rating) {
}
