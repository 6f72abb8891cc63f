package io.vigie.alert.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded map from the bytes a stream thread wrote to a store (compared by content) to the value they encode; least
 * recently used leave. A store's next read of a key is most often the bytes its last write left there (cached or not),
 * so a serde that remembers what it wrote finds the value here instead of decoding it. Values must be immutable. One
 * thread only: serdes keep one per stream thread.
 */
final class RecentValues<T> extends LinkedHashMap<RecentValues.Content, T> {

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final int capacity;
    private final int hashedBytes;

    RecentValues(int capacity) {
        this(capacity, Integer.MAX_VALUE);
    }

    /**
     * @param hashedBytes how many leading bytes the lookup hashes (equality still compares them all): enough to tell
     *                    apart the values likely to be held together, fewer than a long value has
     */
    RecentValues(int capacity, int hashedBytes) {
        super(capacity * 2, 0.75f, true);
        this.capacity = capacity;
        this.hashedBytes = hashedBytes;
    }

    void remember(byte[] bytes, T value) {
        put(new Content(bytes, Content.hashOf(bytes, hashedBytes)), value);
    }

    /** The value that was written as these bytes, or null when not among the recent ones. */
    T find(byte[] bytes) {
        return get(new Content(bytes, Content.hashOf(bytes, hashedBytes)));
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<Content, T> eldest) {
        return size() > capacity;
    }

    record Content(byte[] bytes, int hash) {
        Content(byte[] bytes) {
            this(bytes, hashOf(bytes, Integer.MAX_VALUE));
        }

        /**
         * The length and the first {@code limit} bytes, eight at a step: {@code Arrays.hashCode}, one byte at a step,
         * cost more than it saved (JFR).
         */
        static int hashOf(byte[] bytes, int limit) {
            int end = Math.min(bytes.length, limit);
            long hash = bytes.length;
            int i = 0;
            for (; i + 8 <= end; i += 8) {
                hash = hash * 0x9E3779B97F4A7C15L + (long) LONG.get(bytes, i);
            }
            for (; i < end; i++) {
                hash = hash * 31 + bytes[i];
            }
            return (int) (hash ^ (hash >>> 32));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Content that && hash == that.hash && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
