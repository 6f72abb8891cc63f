package io.vigie.alert.stream;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The shape the stores' and the repartition topic's serdes share: a compact binary form whose first byte tags its
 * version (JSON never starts with it), and anything else read as an earlier version wrote it (JSON), so that stores,
 * changelogs and topics written before an upgrade still read.
 */
final class TaggedBinary {

    private TaggedBinary() {
    }

    static <T> Serializer<T> serializer(Function<T, byte[]> write) {
        return (topic, value) -> value == null ? null : write.apply(value);
    }

    /**
     * @param tag     first byte of the binary form
     * @param binary  reads the binary form
     * @param earlier reads anything else: the topic and the bytes
     */
    static <T> Deserializer<T> deserializer(byte tag, Function<byte[], T> binary,
                                            BiFunction<String, byte[], T> earlier) {
        return (topic, data) -> data == null ? null
                : data.length > 0 && data[0] == tag ? binary.apply(data) : earlier.apply(topic, data);
    }
}
