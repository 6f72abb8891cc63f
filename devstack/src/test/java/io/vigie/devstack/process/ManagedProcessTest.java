package io.vigie.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @Test
    void stopTakesDownTheWholeTreeEvenWhenTermIsIgnored(@TempDir Path dir) {
        // A parent that ignores TERM, with a child that inherits that: what a hung server looks like.
        ManagedProcess process = ProcessLauncher.start("stubborn",
                List.of("sh", "-c", "trap '' TERM; sleep 300 & wait"), dir, Map.of(), dir.resolve("out.log"),
                Optional.empty());
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
        await().until(() -> handle.descendants().findAny().isPresent());
        List<ProcessHandle> tree = handle.descendants().toList();

        process.stop(Duration.ofMillis(500));

        assertThat(process.isAlive()).isFalse();
        assertThat(tree).isNotEmpty().noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void aProcessThatHonoursTermStopsWithinTheGracePeriod(@TempDir Path dir) {
        ManagedProcess process = ProcessLauncher.start("polite", List.of("sleep", "300"), dir, Map.of(),
                dir.resolve("out.log"), Optional.empty());

        process.stop(Duration.ofSeconds(30));

        assertThat(process.isAlive()).isFalse();
        // 143 = killed by TERM, not by the KILL that follows an expired grace period (137).
        assertThat(process.exitCode()).hasValue(143);
    }
}
