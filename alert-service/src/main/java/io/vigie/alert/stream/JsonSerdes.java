package io.vigie.alert.stream;

import org.apache.kafka.common.serialization.Serde;
import org.springframework.kafka.support.serializer.JacksonJsonSerde;

/**
 * JSON serdes that neither write nor trust Java type headers: Vigie's topics carry plain JSON that any producer or
 * consumer can read, and a type header from another service's classes must not steer deserialisation.
 */
public final class JsonSerdes {

    private JsonSerdes() {
    }

    public static <T> Serde<T> of(Class<T> type) {
        return new JacksonJsonSerde<T>(type).noTypeInfo().ignoreTypeHeaders();
    }
}
