package io.vigie.ingest.credential;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a credential reference named by a watch ({@code credentialRef}) to its secret value, which is never
 * stored in a watch, never returned by an API and never logged. Looked up, in order: the environment variable
 * {@code VIGIE_CREDENTIAL_<REF>} (upper-case, other characters as {@code _}), then the file {@code <ref>} in the
 * credentials folder ({@code VIGIE_CREDENTIALS_DIR}, default {@code /run/secrets/vigie}: a mounted secret).
 * A reference may name several values, e.g. {@code reddit.client-id} and {@code reddit.client-secret}.
 */
@Component
public class Credentials {

    private static final Pattern VALID_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Map<String, String> environment;
    private final Path folder;

    @Autowired
    public Credentials(@Value("${vigie.ingest.credentials-dir:/run/secrets/vigie}") Path folder) {
        this(System.getenv(), folder);
    }

    public Credentials(Map<String, String> environment, Path folder) {
        this.environment = Map.copyOf(environment);
        this.folder = folder;
    }

    /** Whether a reference is well-formed (no path tricks such as {@code ../}). */
    public static boolean isValidReference(String ref) {
        return ref != null && VALID_REF.matcher(ref).matches() && !ref.contains("..");
    }

    /** The secret, or empty when neither the environment nor the folder has it. */
    public Optional<String> resolve(String ref) {
        if (!isValidReference(ref)) {
            throw new IllegalArgumentException("credential reference '" + ref
                    + "' is not valid: use letters, digits, '.', '_' or '-' (e.g. reddit.client-secret)");
        }
        String fromEnvironment = environment.get(environmentVariable(ref));
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.strip());
        }
        Path file = folder.resolve(ref);
        if (Files.isReadable(file)) {
            try {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read credential file " + file, e);
            }
        }
        return Optional.empty();
    }

    /** The secret, or an error that tells the user where to put it. */
    public String require(String ref) {
        return resolve(ref).orElseThrow(() -> new IllegalStateException("credential '" + ref + "' is not set: export "
                + environmentVariable(ref) + " or put it in the file " + folder.resolve(ref)));
    }

    public static String environmentVariable(String ref) {
        return "VIGIE_CREDENTIAL_" + ref.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
