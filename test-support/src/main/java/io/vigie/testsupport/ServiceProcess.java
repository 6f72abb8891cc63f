package io.vigie.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Vigie service started from its executable jar in a JVM of its own, so a test can SIGKILL it like a crash. Its
 * console goes to a file under {@code target/crash-it/} that the test reads (and a person reads after a failure).
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java -jar <module>-*-exec.jar} of the module under test with these Spring properties as
     * command-line arguments.
     *
     * @param module the Maven module whose {@code target/} holds the jar, e.g. {@code alert-service}
     * @param name   names the process in messages and its console file
     */
    public static ServiceProcess start(String module, String name, Map<String, String> properties)
            throws IOException {
        Path dir = Files.createDirectories(Paths.get("target", "crash-it"));
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // Small heap and one compiler tier: the machine is shared and the test only needs the process alive.
        command.add("-Xmx384m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(execJar(module).toString());
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // Also when the test JVM itself is stopped (Ctrl-C, a failsafe timeout): no service outlives it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, name + "-killer"));
        return new ServiceProcess(name, process, log);
    }

    /**
     * The jar {@code package} builds; failsafe runs after it, so it is there during {@code verify}.
     * {@code VIGIE_IT_<SERVICE>_JAR} (e.g. {@code VIGIE_IT_ALERT_JAR}) names another build instead, e.g. the last
     * commit's, to tell a test problem from a regression.
     */
    private static Path execJar(String module) throws IOException {
        String variable = "VIGIE_IT_" + module.replace("-service", "").toUpperCase(Locale.ROOT) + "_JAR";
        String other = System.getenv(variable);
        if (other != null && !other.isBlank()) {
            return Paths.get(other).toAbsolutePath();
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Paths.get("target"), module + "-*-exec.jar")) {
            for (Path jar : jars) {
                return jar.toAbsolutePath();
            }
        }
        throw new IllegalStateException("no target/" + module + "-*-exec.jar: run this IT through `mvn -pl " + module
                + " -am verify` (failsafe runs after package), not from the IDE alone");
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Lines of the console containing {@code text} so far. */
    public long linesContaining(String text) {
        return console().lines().filter(line -> line.contains(text)).count();
    }

    public String console() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The end of the console, for failure messages. */
    public String tail() {
        List<String> lines = console().lines().toList();
        return name + " (" + log + "), last lines:\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * SIGKILL on Linux: no shutdown hook, no producer flush, no final commit, no lease released.
     *
     * @return the exit code (137 for a SIGKILL)
     */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") still alive 30 s after SIGKILL");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
