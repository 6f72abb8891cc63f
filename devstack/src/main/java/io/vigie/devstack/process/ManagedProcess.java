package io.vigie.devstack.process;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process devstack started (or found again through its state file), with the log its output goes to.
 * Stopping it takes down the whole process tree: TERM first so the server shuts down cleanly, KILL after a grace
 * period so nothing outlives devstack.
 */
public final class ManagedProcess {

    private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);

    private final String name;
    private final ProcessHandle handle;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, ProcessHandle handle, Process process, Path logFile) {
        this.name = name;
        this.handle = handle;
        this.process = process;
        this.logFile = logFile;
    }

    /** A child of this JVM: its exit code is known. */
    public static ManagedProcess child(String name, Process process, Path logFile) {
        return new ManagedProcess(name, process.toHandle(), process, logFile);
    }

    /** A process started by an earlier devstack run. */
    public static ManagedProcess adopted(String name, ProcessHandle handle, Path logFile) {
        return new ManagedProcess(name, handle, null, logFile);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** When the operating system started the process: with the pid, what tells it from a later process reusing the pid. */
    public Optional<Instant> startedAt() {
        return handle.info().startInstant();
    }

    /** Exit code, when this JVM started the process and it has exited. */
    public OptionalInt exitCode() {
        if (process == null || process.isAlive()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(process.exitValue());
    }

    public CompletableFuture<ProcessHandle> onExit() {
        return handle.onExit();
    }

    /** TERM the tree, wait up to {@code grace}, then KILL what is left. Returns once every process of it is gone. */
    public void stop(Duration grace) {
        // Children first collected: once the parent is gone they are re-parented and no longer found from it.
        List<ProcessHandle> tree = handle.descendants().toList();
        if (!handle.isAlive() && tree.stream().noneMatch(ProcessHandle::isAlive)) {
            return;
        }
        log.info("Stopping {} (pid {})", name, handle.pid());
        handle.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(handle, grace)) {
            log.warn("{} (pid {}) did not stop within {} ms; killing it", name, handle.pid(), grace.toMillis());
        }
        handle.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(handle, Duration.ofSeconds(10));
        tree.forEach(child -> awaitExit(child, Duration.ofSeconds(10)));
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + handle.pid() + ")";
    }
}
