package io.vigie.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * One source a watch reads, with its settings.
 *
 * @param type          connector type, lower-case: {@code rss}, {@code hackernews}, {@code reddit}, {@code mastodon},
 *                      {@code bluesky}, {@code youtube}, {@code discourse}, {@code github}
 * @param settings      connector-specific settings, each a list of values, e.g. {@code feeds}, {@code subreddits},
 *                      {@code servers}, {@code tags}, {@code channels}, {@code search}, {@code baseUrls}
 * @param credentialRef name of a credential resolved from the environment or a mounted file, never its value;
 *                      null when the source needs none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WatchSource(String type, Map<String, List<String>> settings, String credentialRef) {

    public WatchSource {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** The values of one setting, empty when absent. */
    public List<String> setting(String name) {
        return settings.getOrDefault(name, List.of());
    }
}
