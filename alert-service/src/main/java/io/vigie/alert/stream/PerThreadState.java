package io.vigie.alert.stream;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * One value per thread, for the few stream threads that share a serde: found by comparing the current thread with
 * each owner (one or two comparisons), where a {@link ThreadLocal} probes the thread's map, which on a stream thread
 * holds enough entries (Kafka's, Jackson's, the JDK's) that its lookups missed their first slot and cost a twentieth
 * of the stream threads' time (JFR, live bench). Owners that have ended are dropped when a new thread comes.
 */
final class PerThreadState<T> {

    private record Owned<T>(Thread owner, T value) {
    }

    private final Supplier<T> initial;
    @SuppressWarnings("unchecked")
    private volatile Owned<T>[] states = new Owned[0];

    PerThreadState(Supplier<T> initial) {
        this.initial = initial;
    }

    T get() {
        Thread current = Thread.currentThread();
        for (Owned<T> state : states) {
            if (state.owner() == current) {
                return state.value();
            }
        }
        return add(current);
    }

    private synchronized T add(Thread current) {
        Owned<T>[] live = Arrays.stream(states).filter(state -> state.owner().isAlive()).toArray(this::newArray);
        T value = initial.get();
        Owned<T>[] grown = Arrays.copyOf(live, live.length + 1);
        grown[live.length] = new Owned<>(current, value);
        states = grown;
        return value;
    }

    @SuppressWarnings("unchecked")
    private Owned<T>[] newArray(int length) {
        return new Owned[length];
    }

    /** Every thread's value, for a reader on another thread (the values' fields must be safe to read from it). */
    List<T> values() {
        return Arrays.stream(states).map(Owned::value).toList();
    }

    /** Threads holding a value now (for tests). */
    int owners() {
        return states.length;
    }
}
