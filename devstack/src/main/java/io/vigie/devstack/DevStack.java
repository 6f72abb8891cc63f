package io.vigie.devstack;

import io.vigie.devstack.kafka.KafkaReadiness;
import io.vigie.devstack.kafka.KafkaServer;
import io.vigie.devstack.opensearch.OpenSearchJava;
import io.vigie.devstack.opensearch.OpenSearchReadiness;
import io.vigie.devstack.opensearch.OpenSearchServer;
import io.vigie.devstack.process.ManagedProcess;
import io.vigie.devstack.process.Ports;
import io.vigie.devstack.state.DevStackState;
import io.vigie.devstack.state.ServerRecord;
import io.vigie.devstack.state.StateFile;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real Kafka and OpenSearch servers as child processes of this JVM.
 *
 * <pre>{@code
 * try (RunningDevStack stack = DevStack.start(DevStackConfig.fromEnvironment(System.getenv()))) {
 *     String bootstrap = stack.kafkaBootstrapServers();
 *     ...
 * }
 * }</pre>
 *
 * Servers recorded in {@code $VIGIE_HOME/devstack.state} that still run (same pid, same start time, same ports) are
 * reused rather than started twice; any other process on a configured port is an error naming the port.
 */
public final class DevStack {

    private static final Logger log = LoggerFactory.getLogger(DevStack.class);
    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

    private DevStack() {
    }

    /** Starts (or reuses) both servers and returns once both answer; on failure nothing it started is left running. */
    public static RunningDevStack start(DevStackConfig config) {
        Distribution distribution = Distribution.locate(config.distribution());
        createHome(config);
        // Two devstacks starting at once in one folder would both find the ports free and race for them.
        try (FileChannel lockFile = FileChannel.open(config.home().resolve("devstack.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            StateFile stateFile = new StateFile(config.home());
            DevStackState previous = stateFile.read();
            if (previous.ownerAlive()) {
                return attach(config, previous, stateFile);
            }
            return startOrAdopt(config, distribution, previous, stateFile);
        } catch (IOException e) {
            throw new DevStackException("could not lock " + config.home() + ": " + e.getMessage(), e);
        }
    }

    /** The servers as the state file records them, each running or not. */
    public static List<ServerStatus> status(DevStackConfig config) {
        DevStackState state = new StateFile(config.home()).read();
        return List.of(
                ServerStatus.of(KafkaServer.NAME, state.kafka(), "127.0.0.1:" + config.kafkaPort()),
                ServerStatus.of(OpenSearchServer.NAME, state.openSearch(), config.openSearchUrl()));
    }

    /**
     * Stops the servers recorded in the state file. A devstack still running in the foreground is asked to stop
     * (TERM) so that it exits cleanly; whatever it leaves is then stopped here.
     */
    public static List<String> stop(DevStackConfig config) {
        StateFile stateFile = new StateFile(config.home());
        DevStackState state = stateFile.read();
        List<String> stopped = new ArrayList<>();
        state.owner().filter(owner -> owner.pid() != ProcessHandle.current().pid()).ifPresent(owner -> {
            log.info("Asking devstack (pid {}) to stop", owner.pid());
            // It stops its servers itself on TERM; its own shutdown wait bounds this one.
            ManagedProcess.adopted("devstack", owner, config.logsDir()).stop(Duration.ofSeconds(90));
            stopped.add("devstack (pid " + owner.pid() + ") and its servers");
        });
        stopRecorded(KafkaServer.NAME, state.kafka(), KafkaServer.logFile(config), stopped);
        stopRecorded(OpenSearchServer.NAME, state.openSearch(), OpenSearchServer.logFile(config), stopped);
        stateFile.delete();
        return stopped;
    }

    private static RunningDevStack attach(DevStackConfig config, DevStackState previous, StateFile stateFile) {
        Optional<ManagedProcess> kafka = answering(KafkaServer.NAME, previous.kafka(), config.kafkaPort(),
                config.kafkaControllerPort(), KafkaServer.logFile(config));
        Optional<ManagedProcess> openSearch = answering(OpenSearchServer.NAME, previous.openSearch(),
                config.openSearchPort(), config.openSearchTransportPort(), OpenSearchServer.logFile(config));
        if (kafka.isEmpty() || openSearch.isEmpty()) {
            throw new DevStackException("another devstack (pid " + previous.ownerPid() + ") runs in " + config.home()
                    + " without both servers up; stop it first (devstack stop) or set " + DevStackConfig.HOME);
        }
        log.info("Using the servers of the devstack already running (pid {})", previous.ownerPid());
        return new RunningDevStack(config, kafka.get(), openSearch.get(), false, stateFile);
    }

    private static RunningDevStack startOrAdopt(DevStackConfig config, Distribution distribution,
                                                DevStackState previous, StateFile stateFile) {
        Optional<ManagedProcess> kafka = adoptable(KafkaServer.NAME, previous.kafka(), config.kafkaPort(),
                config.kafkaControllerPort(), KafkaServer.logFile(config));
        Optional<ManagedProcess> openSearch = adoptable(OpenSearchServer.NAME, previous.openSearch(),
                config.openSearchPort(), config.openSearchTransportPort(), OpenSearchServer.logFile(config));
        // Every check before the first start, so that a wrong port leaves nothing behind.
        if (kafka.isEmpty()) {
            Ports.requireFree(config.kafkaPort(), DevStackConfig.KAFKA_PORT);
            Ports.requireFree(config.kafkaControllerPort(), DevStackConfig.KAFKA_CONTROLLER_PORT);
        }
        Path javaHome = null;
        if (openSearch.isEmpty()) {
            Ports.requireFree(config.openSearchPort(), DevStackConfig.OPENSEARCH_PORT);
            Ports.requireFree(config.openSearchTransportPort(), DevStackConfig.OPENSEARCH_TRANSPORT_PORT);
            javaHome = OpenSearchJava.locate(config, Path.of(System.getProperty("java.home")), JVM_DIR);
        }

        List<ManagedProcess> started = new ArrayList<>();
        try {
            Path openSearchJava = javaHome;
            Instant begin = Instant.now();
            // OpenSearch first: it takes the longest, and Kafka starts meanwhile.
            ManagedProcess node = openSearch.orElseGet(launch(started,
                    () -> new OpenSearchServer(config, distribution, openSearchJava).start()));
            ManagedProcess broker = kafka.orElseGet(launch(started,
                    () -> new KafkaServer(config, distribution).start()));
            KafkaReadiness.await(broker, config.kafkaPort(), config.startupTimeout());
            OpenSearchReadiness.await(node, config.openSearchUrl(), config.startupTimeout());
            log.info("Kafka and OpenSearch answer ({} s)", Duration.between(begin, Instant.now()).toSeconds());
            stateFile.write(new DevStackState(ProcessHandle.current().pid(), startMillis(ProcessHandle.current()),
                    Optional.of(record(broker, config.kafkaPort(), config.kafkaControllerPort())),
                    Optional.of(record(node, config.openSearchPort(), config.openSearchTransportPort()))));
            return new RunningDevStack(config, broker, node, true, stateFile);
        } catch (RuntimeException e) {
            started.forEach(process -> process.stop(RunningDevStack.STOP_GRACE));
            throw e;
        }
    }

    private static Supplier<ManagedProcess> launch(List<ManagedProcess> started, Supplier<ManagedProcess> starter) {
        return () -> {
            ManagedProcess process = starter.get();
            started.add(process);
            return process;
        };
    }

    /** The recorded server, if it still runs and answers on the configured ports; an error if on other ports. */
    private static Optional<ManagedProcess> answering(String name, Optional<ServerRecord> record, int port,
                                                      int secondaryPort, Path logFile) {
        Optional<ProcessHandle> process = record.flatMap(ServerRecord::liveProcess);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        if (record.get().port() != port || record.get().secondaryPort() != secondaryPort) {
            throw new DevStackException(name + " started earlier by devstack (pid " + record.get().pid()
                    + ") still runs on ports " + record.get().port() + "/" + record.get().secondaryPort()
                    + ", not " + port + "/" + secondaryPort + ": run 'devstack stop' first");
        }
        return Ports.isListening(port)
                ? Optional.of(ManagedProcess.adopted(name, process.get(), logFile))
                : Optional.empty();
    }

    /**
     * A server left running by a devstack that died: reused when it answers, else stopped (it was still starting,
     * or hangs) so that a fresh one can take its ports and data.
     */
    private static Optional<ManagedProcess> adoptable(String name, Optional<ServerRecord> record, int port,
                                                      int secondaryPort, Path logFile) {
        Optional<ManagedProcess> answering = answering(name, record, port, secondaryPort, logFile);
        if (answering.isPresent()) {
            log.info("Reusing {} started earlier by devstack (pid {})", name, answering.get().pid());
            return answering;
        }
        record.flatMap(ServerRecord::liveProcess).ifPresent(stale -> {
            log.warn("{} (pid {}) left by an earlier devstack does not answer; stopping it", name, stale.pid());
            ManagedProcess.adopted(name, stale, logFile).stop(RunningDevStack.STOP_GRACE);
        });
        return Optional.empty();
    }

    private static void stopRecorded(String name, Optional<ServerRecord> record, Path logFile, List<String> stopped) {
        record.flatMap(ServerRecord::liveProcess).ifPresent(process -> {
            ManagedProcess.adopted(name, process, logFile).stop(RunningDevStack.STOP_GRACE);
            stopped.add(name + " (pid " + process.pid() + ")");
        });
    }

    private static ServerRecord record(ManagedProcess process, int port, int secondaryPort) {
        long started = process.startedAt().map(Instant::toEpochMilli).orElse(0L);
        return new ServerRecord(process.pid(), started, port, secondaryPort);
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static void createHome(DevStackConfig config) {
        try {
            Files.createDirectories(config.logsDir());
        } catch (IOException e) {
            throw new DevStackException("could not create " + config.logsDir() + " (set " + DevStackConfig.HOME
                    + " to a writable folder): " + e.getMessage(), e);
        }
    }
}
