package io.vigie.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * alert-service's exec jar run as a child process of the driver, with its own state directory, port, Kafka Streams
 * application id and consumer groups, so that it shares nothing with another alert-service on the same broker. The
 * jar is copied first: a rebuild of alert-service during the run must not change the jar under the running child.
 */
final class AlertServiceProcess implements AutoCloseable {

    private final Path workDir;
    private final Path log;
    private final Process process;
    private final long startedNanos;
    private final Thread shutdownHook;

    private AlertServiceProcess(Path workDir, Path log, Process process, long startedNanos) {
        this.workDir = workDir;
        this.log = log;
        this.process = process;
        this.startedNanos = startedNanos;
        this.shutdownHook = new Thread(process::destroyForcibly, "stop-alert-service");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The names the child uses on the broker; all start with the application id, unique per run. */
    record Names(String applicationId) {
        String notifyGroup() {
            return applicationId + "-notify";
        }

        String incidentGroup() {
            return applicationId + "-incidents";
        }
    }

    static AlertServiceProcess start(Path jar, Path workDir, List<String> javaOptions, String bootstrap,
                                     String openSearch, String webhookUrl, Names names, Duration window)
            throws IOException {
        if (!Files.isReadable(jar)) {
            throw new IllegalStateException("alert-service jar " + jar + " not found: build it with "
                    + "./mvnw -B -q -pl alert-service package -DskipTests, or pass --jar");
        }
        Path copy = workDir.resolve("alert-service.jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        Path log = workDir.resolve("alert-service.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        // Prints the heap and GC the JVM chose as the first line of the log, for the report.
        command.add("-XX:+PrintCommandLineFlags");
        command.addAll(List.of("-jar", copy.toString(),
                "--spring.cloud.stream.kafka.streams.binder.application-id=" + names.applicationId(),
                "--vigie.alert.notify.group=" + names.notifyGroup(),
                "--vigie.alert.incidents.consumer-group=" + names.incidentGroup()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("VIGIE_HOME", workDir.toString());
        env.put("VIGIE_ALERT_STATE_DIR", workDir.resolve("alert-streams").toString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("OPENSEARCH_URL", openSearch);
        env.put("ALERT_PORT", Integer.toString(freePort()));
        env.put("VIGIE_ALERT_WEBHOOK_URL", webhookUrl);
        env.put("VIGIE_ALERT_WEBHOOK_ALLOW_PRIVATE", "true");
        env.put("VIGIE_ALERT_WINDOW", window.toMinutes() + "m");
        long started = System.nanoTime();
        return new AlertServiceProcess(workDir, log, builder.start(), started);
    }

    long startedNanos() {
        return startedNanos;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** Fails with the end of the child's log if it has exited. */
    void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("alert-service exited with code " + process.exitValue()
                    + "; the end of its log (" + log + "):\n" + tail(60));
        }
    }

    /** The heap and GC flags the child's JVM printed, e.g. {@code -XX:MaxHeapSize=536870912 ... -XX:+UseG1GC}. */
    String jvmFlags() throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.limit(5).filter(line -> line.startsWith("-XX:")).findFirst()
                    .map(AlertServiceProcess::heapAndGc).orElse("(not printed yet)");
        }
    }

    static String heapAndGc(String flags) {
        StringBuilder out = new StringBuilder();
        for (String flag : flags.trim().split("\\s+")) {
            if (flag.startsWith("-XX:InitialHeapSize=") || flag.startsWith("-XX:MaxHeapSize=")) {
                String[] parts = flag.split("=");
                out.append(parts[0].substring(4)).append('=').append(Long.parseLong(parts[1]) >> 20).append(" MB ");
            } else if (flag.matches("-XX:\\+Use\\w+GC")) {
                out.append(flag.substring(5)).append(' ');
            }
        }
        return out.toString().trim();
    }

    String tail(int lines) throws IOException {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Stops the child (TERM, then KILL after 30 s) and deletes its state and its copy of the jar; keeps the log. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        Files.deleteIfExists(workDir.resolve("alert-service.jar"));
        Path state = workDir.resolve("alert-streams");
        if (Files.exists(state)) {
            try (Stream<Path> files = Files.walk(state)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
