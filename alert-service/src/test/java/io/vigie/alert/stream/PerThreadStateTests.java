package io.vigie.alert.stream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class PerThreadStateTests {

    @Test
    void eachThreadKeepsItsOwnValueAndEndedThreadsAreDropped() throws Exception {
        AtomicInteger created = new AtomicInteger();
        PerThreadState<List<String>> state = new PerThreadState<>(() -> {
            created.incrementAndGet();
            return new ArrayList<>();
        });
        List<String> mine = state.get();
        mine.add("main");
        assertThat(state.get()).isSameAs(mine);

        AtomicReference<List<String>> theirs = new AtomicReference<>();
        Thread other = new Thread(() -> {
            List<String> value = state.get();
            value.add("other");
            theirs.set(state.get() == value ? value : null);
        });
        other.start();
        other.join();
        assertThat(theirs.get()).containsExactly("other");
        assertThat(state.get()).isSameAs(mine).containsExactly("main");
        assertThat(state.owners()).isEqualTo(2);

        Thread third = new Thread(state::get);
        third.start();
        third.join();
        assertThat(state.owners()).as("the ended thread's value dropped when the third came").isEqualTo(2);
        assertThat(created).hasValue(3);
    }
}
