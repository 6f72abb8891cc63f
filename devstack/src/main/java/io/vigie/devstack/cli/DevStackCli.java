package io.vigie.devstack.cli;

import io.vigie.devstack.DevStack;
import io.vigie.devstack.DevStackConfig;
import io.vigie.devstack.DevStackException;
import io.vigie.devstack.RunningDevStack;
import io.vigie.devstack.ServerStatus;
import io.vigie.devstack.process.ManagedProcess;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar devstack.jar start|status|stop}. Only results go to stdout (for {@code start}, the single
 * {@code DEVSTACK READY ...} line the launcher waits for); logs and errors go to stderr.
 */
public final class DevStackCli {

    private static final int USAGE = 2;
    private static final int FAILED = 1;
    private static final int NOT_RUNNING = 3;

    private final PrintStream out;

    private DevStackCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        CliLogging.configure();
        System.exit(new DevStackCli(System.out).run(args));
    }

    int run(String[] args) {
        if (args.length != 1) {
            return usage();
        }
        Logger log = LoggerFactory.getLogger(DevStackCli.class);
        try {
            DevStackConfig config = DevStackConfig.fromEnvironment(System.getenv());
            return switch (args[0]) {
                case "start" -> start(config);
                case "status" -> status(config);
                case "stop" -> stop(config);
                default -> usage();
            };
        } catch (DevStackException e) {
            System.err.println("devstack: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            log.error("devstack failed", e);
            return FAILED;
        }
    }

    /** Starts both servers, prints the ready line, then holds the foreground until INT or TERM (exit 0). */
    private int start(DevStackConfig config) {
        CompletableFuture<String> signal = new CompletableFuture<>();
        // Handled here rather than left to the JVM (which would exit 130/143): a requested stop is a success.
        for (String name : List.of("INT", "TERM")) {
            Signal.handle(new Signal(name), received -> signal.complete("SIG" + received.getName()));
        }
        try (RunningDevStack stack = DevStack.start(config)) {
            out.println(stack.readyLine());
            out.flush();
            Object reason = CompletableFuture.anyOf(signal, stack.unexpectedExit()).join();
            if (reason instanceof ManagedProcess server) {
                String code = server.exitCode().isPresent() ? " with code " + server.exitCode().getAsInt() : "";
                System.err.println("devstack: " + server.name() + " exited" + code + "; see " + server.logFile()
                        + ". Stopping the other server.");
                return FAILED;
            }
            Logger log = LoggerFactory.getLogger(DevStackCli.class);
            if (stack.ownsServers()) {
                log.info("{} received: stopping Kafka and OpenSearch", reason);
            } else {
                log.info("{} received: leaving Kafka and OpenSearch to the devstack that started them", reason);
            }
            return 0;
        }
    }

    private int status(DevStackConfig config) {
        List<ServerStatus> servers = DevStack.status(config);
        servers.forEach(out::println);
        return servers.stream().allMatch(ServerStatus::running) ? 0 : NOT_RUNNING;
    }

    private int stop(DevStackConfig config) {
        List<String> stopped = DevStack.stop(config);
        out.println(stopped.isEmpty() ? "nothing to stop" : "stopped " + String.join(", ", stopped));
        return 0;
    }

    private static int usage() {
        System.err.println("""
                usage: java -jar devstack.jar start|status|stop
                  start   start Kafka and OpenSearch, print 'DEVSTACK READY ...', stop both on Ctrl-C/TERM
                  status  show the servers devstack started
                  stop    stop them
                environment: VIGIE_HOME (/var/tmp/vigie), VIGIE_KAFKA_PORT (9092), VIGIE_KAFKA_CONTROLLER_PORT (9093),
                  VIGIE_OPENSEARCH_PORT (9200), VIGIE_OPENSEARCH_TRANSPORT_PORT (9300), VIGIE_KAFKA_HEAP (512m),
                  VIGIE_OPENSEARCH_HEAP (512m), OPENSEARCH_JAVA_HOME (a Java 17 or 21), VIGIE_STARTUP_TIMEOUT (180 s),
                  VIGIE_DEVSTACK_DIST (devstack/target), VIGIE_OPENSEARCH_USER (vigie-os, used when run as root)""");
        return USAGE;
    }
}
