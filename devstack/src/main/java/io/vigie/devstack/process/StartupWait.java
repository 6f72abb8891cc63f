package io.vigie.devstack.process;

import io.vigie.devstack.DevStackException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits for a freshly started server to answer, failing fast when it dies and, either way, pointing at its log.
 */
public final class StartupWait {

    private static final Duration POLL = Duration.ofMillis(250);

    private StartupWait() {
    }

    /** Polls {@code ready} until it holds, the process exits, or {@code timeout} passes. */
    public static void await(ManagedProcess server, Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (!server.isAlive()) {
                String code = server.exitCode().isPresent() ? " with code " + server.exitCode().getAsInt() : "";
                throw new DevStackException(server.name() + " exited" + code + " while starting; see "
                        + server.logFile() + LogTail.of(server.logFile()));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DevStackException(server.name() + " did not answer within " + timeout.toSeconds()
                        + " s; see " + server.logFile() + LogTail.of(server.logFile()));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevStackException("interrupted while waiting for " + server.name(), e);
            }
        }
    }
}
