package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Author of a mention and their reach, each part null when the source does not tell it.
 *
 * @param name      display name
 * @param handle    account handle on the source
 * @param followers followers or subscribers
 * @param karma     karma or reputation points (Reddit, Hacker News, forums)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Author(String name, String handle, Long followers, Long karma) {
}
