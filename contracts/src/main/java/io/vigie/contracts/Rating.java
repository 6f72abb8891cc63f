package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A review's star rating.
 *
 * @param value given rating, e.g. 2
 * @param max   top of the scale, e.g. 5
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rating(double value, double max) {
}
