package io.vigie.alert.stream;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A store's serde that remembers, per stream thread, the values it last wrote by their bytes: a watch's value is read
 * back far more often than anything else is written in between, so most reads cost a hash of the bytes instead of a
 * decode (decoding the alert memory's JSON at every evaluation was a tenth of a sparse catch-up's stream threads, JFR). Values must be
 * immutable and read back equal to what was written.
 */
final class RememberingSerde<T> implements Serde<T> {

    static final int RECENT_VALUES = 1024;

    private final Serde<T> delegate;
    private final ThreadLocal<RecentValues<T>> recent = ThreadLocal.withInitial(() -> new RecentValues<>(RECENT_VALUES));

    RememberingSerde(Serde<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public Serializer<T> serializer() {
        Serializer<T> write = delegate.serializer();
        return (topic, value) -> {
            byte[] written = write.serialize(topic, value);
            if (written != null) {
                recent.get().remember(written, value);
            }
            return written;
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> read = delegate.deserializer();
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            T known = recent.get().find(data);
            return known != null ? known : read.deserialize(topic, data);
        };
    }
}
