package io.vigie.ingest.source.mastodon;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Mastodon's paging links ({@code Link: <...max_id=1>; rel="next", <...min_id=9>; rel="prev"}). */
final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?([^\",;]+)\"?");

    private LinkHeader() {
    }

    /** The value of {@code parameter} in the link of relation {@code rel}, e.g. min_id of "prev". */
    static Optional<String> parameter(String header, String rel, String parameter) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            if (!link.group(2).strip().equals(rel)) {
                continue;
            }
            String query = URI.create(link.group(1).strip()).getRawQuery();
            if (query == null) {
                return Optional.empty();
            }
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).equals(parameter)) {
                    return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return Optional.empty();
    }
}
