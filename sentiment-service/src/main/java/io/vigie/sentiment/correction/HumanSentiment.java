package io.vigie.sentiment.correction;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;

/**
 * An analyst's label for a mention, kept on the mention's document beside the model's {@code sentiment}; where both
 * exist, this one is the mention's effective label.
 *
 * @param label negative, neutral or positive (wire names)
 * @param by    who recorded it: the {@code X-Vigie-User} the gateway sets, {@code anonymous} without one
 * @param at    when it was recorded
 * @param note  the analyst's reason, free text; null when none was given
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HumanSentiment(String label, String by, Instant at, String note) {
}
