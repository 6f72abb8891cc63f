package io.vigie.ingest.watch;

import io.vigie.contracts.WatchDefinition;
import io.vigie.contracts.WatchSource;
import io.vigie.ingest.credential.Credentials;
import io.vigie.query.Query;
import io.vigie.query.QueryParseException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a watch before it is stored, and normalises it (trimmed name, lower-case languages, default time zone).
 * Every refusal names the field and says what to write instead; a query that does not parse also gives the column.
 */
public final class WatchValidator {

    public static final String DEFAULT_TIME_ZONE = "UTC";

    /** Connector types a watch may name; each is a package under {@code source/}. */
    public static final Set<String> SOURCE_TYPES =
            Set.of("rss", "hackernews", "reddit", "mastodon", "bluesky", "youtube", "discourse", "github");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    /** Setting names that would hold a secret: those values belong behind a credential reference. */
    private static final Pattern SECRET_SETTING =
            Pattern.compile("(?i).*(token|passw|secret|credential|apikey|api[_-]key|auth).*|(?i).*key");
    /** Settings whose values are URLs the service will call: only http(s). */
    private static final Pattern URL_SETTING = Pattern.compile("(?i)feeds|servers|baseUrls|.*urls?");
    private static final int MAX_NAME = 200;
    private static final int MAX_SETTING_VALUES = 200;
    private static final int MAX_SETTING_VALUE = 2_000;
    private static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MAX_POLL_INTERVAL = Duration.ofDays(1);

    private WatchValidator() {
    }

    /**
     * @return the watch as it will be stored
     * @throws InvalidWatchException on the first problem found
     */
    public static WatchDefinition validated(WatchDefinition watch) {
        if (watch == null) {
            throw new InvalidWatchException(null, "send the watch as a JSON object with id, name and query");
        }
        String id = watch.id();
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidWatchException("id", "id must be 1 to 63 lower-case letters, digits or '-', starting "
                    + "with a letter or digit (e.g. acme-fr), got " + quoted(id));
        }
        String name = watch.name() == null ? "" : watch.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new InvalidWatchException("name", "give the watch a name of 1 to " + MAX_NAME + " characters");
        }
        checkQuery(watch.query());
        List<String> languages = new ArrayList<>();
        for (int i = 0; i < watch.languages().size(); i++) {
            String language = watch.languages().get(i);
            String code = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
            if (!LANGUAGE.matcher(code).matches()) {
                throw new InvalidWatchException("languages[" + i + "]", "languages are ISO 639-1 codes such as fr or "
                        + "en, got " + quoted(language));
            }
            if (!languages.contains(code)) {
                languages.add(code);
            }
        }
        String timeZone = watch.timeZone() == null || watch.timeZone().isBlank() ? DEFAULT_TIME_ZONE
                : watch.timeZone().strip();
        if (!DEFAULT_TIME_ZONE.equals(timeZone) && !ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw new InvalidWatchException("timeZone", "time zone " + quoted(timeZone)
                    + " is not an IANA time zone id; use one like Europe/Paris, America/New_York or UTC");
        }
        Duration pollInterval = watch.pollInterval();
        if (pollInterval != null && (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0
                || pollInterval.compareTo(MAX_POLL_INTERVAL) > 0)) {
            throw new InvalidWatchException("pollInterval", "pollInterval must be between PT10S and P1D (ISO-8601), "
                    + "or absent for each source's default; got " + pollInterval);
        }
        List<WatchSource> sources = new ArrayList<>();
        for (int i = 0; i < watch.sources().size(); i++) {
            sources.add(validated(watch.sources().get(i), "sources[" + i + "]"));
        }
        return new WatchDefinition(id, name, watch.query().strip(), languages, timeZone, watch.paused(), pollInterval,
                sources, WatchAlertingValidator.validated(watch.alerting()));
    }

    /** @throws InvalidWatchException with the column of the error when the query does not parse */
    public static void checkQuery(String query) {
        if (query == null || query.isBlank()) {
            throw new InvalidWatchException("query", "give the watch a query, e.g. acme OR \"acme corp\"");
        }
        try {
            Query.parse(query);
        } catch (QueryParseException e) {
            throw new InvalidWatchException("query", "the query does not parse at column " + e.column() + ": "
                    + e.reason(), e.column());
        }
    }

    private static WatchSource validated(WatchSource source, String where) {
        if (source == null) {
            throw new InvalidWatchException(where, "a source is an object with type, settings and credentialRef");
        }
        String type = source.type() == null ? "" : source.type().strip().toLowerCase(Locale.ROOT);
        if (!SOURCE_TYPES.contains(type)) {
            throw new InvalidWatchException(where + ".type", "unknown source type " + quoted(source.type())
                    + "; use one of " + SOURCE_TYPES.stream().sorted().toList());
        }
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> setting : source.settings().entrySet()) {
            String name = setting.getKey();
            String field = where + ".settings." + name;
            if (name == null || !SETTING_NAME.matcher(name).matches()) {
                throw new InvalidWatchException(field, "setting names are letters, digits, '-' or '_', got "
                        + quoted(name));
            }
            if (SECRET_SETTING.matcher(name).matches()) {
                throw new InvalidWatchException(field, "'" + name + "' looks like a secret: never put a secret in a "
                        + "watch; set credentialRef to a name (e.g. " + type + ") and export "
                        + Credentials.environmentVariable(type) + " or mount it as a file in VIGIE_CREDENTIALS_DIR");
            }
            List<String> values = setting.getValue() == null ? List.of() : setting.getValue();
            if (values.size() > MAX_SETTING_VALUES) {
                throw new InvalidWatchException(field, "at most " + MAX_SETTING_VALUES + " values per setting");
            }
            List<String> cleaned = new ArrayList<>();
            for (int v = 0; v < values.size(); v++) {
                String value = values.get(v) == null ? "" : values.get(v).strip();
                if (value.isEmpty() || value.length() > MAX_SETTING_VALUE) {
                    throw new InvalidWatchException(field + "[" + v + "]", "setting values are 1 to "
                            + MAX_SETTING_VALUE + " characters");
                }
                if (URL_SETTING.matcher(name).matches() && !isHttpUrl(value)) {
                    throw new InvalidWatchException(field + "[" + v + "]", quoted(value) + " is not an http(s) URL");
                }
                cleaned.add(value);
            }
            settings.put(name, cleaned);
        }
        String credentialRef = source.credentialRef() == null || source.credentialRef().isBlank() ? null
                : source.credentialRef().strip();
        if (credentialRef != null && !Credentials.isValidReference(credentialRef)) {
            throw new InvalidWatchException(where + ".credentialRef", "credentialRef is the NAME of a credential "
                    + "(letters, digits, '.', '_' or '-', e.g. reddit.client-secret), never its value");
        }
        return new WatchSource(type, settings, credentialRef);
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException | NullPointerException e) {
            return false;
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
