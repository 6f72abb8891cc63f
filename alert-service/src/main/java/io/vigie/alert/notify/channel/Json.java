package io.vigie.alert.notify.channel;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small builder of JSON objects as ordered maps, for payloads whose shape reads best as nested literals. */
final class Json {

    private Json() {
    }

    /** An object from alternating keys and values; null values are left out. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                object.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return object;
    }
}
