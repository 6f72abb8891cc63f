package io.vigie.devstack.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @Test
    void readsBackWhatItWrote(@TempDir Path home) {
        StateFile file = new StateFile(home);
        DevStackState state = new DevStackState(42, 1000,
                Optional.of(new ServerRecord(100, 2000, 9092, 9093)),
                Optional.of(new ServerRecord(200, 3000, 9200, 9300)));

        file.write(state);

        assertThat(file.read()).isEqualTo(state);
        assertThat(file.path()).isEqualTo(home.resolve("devstack.state"));
    }

    @Test
    void noFileMeansNothingStarted(@TempDir Path home) {
        assertThat(new StateFile(home).read()).isEqualTo(DevStackState.empty());
    }

    @Test
    void aDamagedFileMeansNothingToReuseOrStop(@TempDir Path home) throws IOException {
        Files.writeString(home.resolve("devstack.state"), "kafka.pid=twelve\n");

        assertThat(new StateFile(home).read()).isEqualTo(DevStackState.empty());
    }

    @Test
    void aRecordOfThisVeryProcessIsLive() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElseThrow().toEpochMilli();

        assertThat(new ServerRecord(self.pid(), started, 1, 2).liveProcess()).contains(self);
    }

    @Test
    void aRecordWhosePidWasReusedByAnotherProcessIsNotLive() {
        ProcessHandle self = ProcessHandle.current();
        long started = self.info().startInstant().orElseThrow().toEpochMilli();

        assertThat(new ServerRecord(self.pid(), started - 60_000, 1, 2).liveProcess()).isEmpty();
    }
}
