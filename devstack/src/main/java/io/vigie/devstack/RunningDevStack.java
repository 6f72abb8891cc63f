package io.vigie.devstack;

import io.vigie.devstack.process.ManagedProcess;
import io.vigie.devstack.state.StateFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka and OpenSearch, answering. Closing stops the servers this devstack owns (those it started, or adopted from a
 * devstack that died) and waits until they are gone; a JVM shutdown hook closes it too.
 */
public final class RunningDevStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningDevStack.class);
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final DevStackConfig config;
    private final ManagedProcess kafka;
    private final ManagedProcess openSearch;
    private final boolean ownsServers;
    private final StateFile stateFile;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<ManagedProcess> unexpectedExit = new CompletableFuture<>();
    private final Thread shutdownHook;

    RunningDevStack(DevStackConfig config, ManagedProcess kafka, ManagedProcess openSearch, boolean ownsServers,
                    StateFile stateFile) {
        this.config = config;
        this.kafka = kafka;
        this.openSearch = openSearch;
        this.ownsServers = ownsServers;
        this.stateFile = stateFile;
        for (ManagedProcess server : List.of(kafka, openSearch)) {
            server.onExit().thenRun(() -> {
                if (!closed.get()) {
                    unexpectedExit.complete(server);
                }
            });
        }
        this.shutdownHook = new Thread(this::close, "devstack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public String kafkaBootstrapServers() {
        return config.kafkaBootstrapServers();
    }

    public String openSearchUrl() {
        return config.openSearchUrl();
    }

    public Path logsDir() {
        return config.logsDir();
    }

    public long kafkaPid() {
        return kafka.pid();
    }

    public long openSearchPid() {
        return openSearch.pid();
    }

    /** False when another devstack, still running, started these servers: it stops them, not this one. */
    public boolean ownsServers() {
        return ownsServers;
    }

    /** Completes with the server that exited, should one exit before {@link #close()}. */
    public CompletableFuture<ManagedProcess> unexpectedExit() {
        return unexpectedExit;
    }

    /** The line the launcher waits for. */
    public String readyLine() {
        return "DEVSTACK READY kafka=" + kafkaBootstrapServers() + " opensearch=" + openSearchUrl()
                + " logs=" + logsDir();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (ownsServers) {
            // In parallel: each takes a few seconds to shut down cleanly.
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> kafka.stop(STOP_GRACE)),
                    CompletableFuture.runAsync(() -> openSearch.stop(STOP_GRACE))).join();
            stateFile.delete();
            log.info("Kafka and OpenSearch stopped");
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Called from the hook itself, or during shutdown: nothing left to unregister.
        }
    }
}
