package io.vigie.devstack.kafka;

import io.vigie.devstack.DevStackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a broker configuration as plain {@code key=value} lines, readable by people (unlike
 * {@link java.util.Properties#store}, which escapes every colon of a listener URL).
 */
final class PropertiesFile {

    private PropertiesFile() {
    }

    static void write(Path file, String comment, Map<String, String> properties) {
        StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
        properties.forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new DevStackException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    // Only what java.util.Properties#load would otherwise misread: backslashes, line breaks, leading blanks.
    static String escape(String value) {
        String escaped = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return escaped.startsWith(" ") ? "\\" + escaped : escaped;
    }
}
