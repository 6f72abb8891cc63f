package io.vigie.devstack.process;

import io.vigie.devstack.DevStackException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Starts server processes with their output appended to a log file. */
public final class ProcessLauncher {

    private static final Optional<Path> SETSID = Commands.find("setsid");

    private ProcessLauncher() {
    }

    /**
     * Starts {@code command} in its own session (when {@code setsid} exists), so that Ctrl-C in the terminal reaches
     * devstack only: devstack then stops the servers itself, in order, and knows when they are gone. With
     * {@code runAs}, the command runs as that user through {@code setpriv}, which execs: the pid stays the server's.
     */
    public static ManagedProcess start(String name, List<String> command, Path workDir, Map<String, String> env,
                                       Path logFile, Optional<String> runAs) {
        List<String> full = new ArrayList<>();
        SETSID.ifPresent(setsid -> full.add(setsid.toString()));
        runAs.ifPresent(user -> full.addAll(SystemUser.runAsPrefix(user)));
        full.addAll(command);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            return ManagedProcess.child(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new DevStackException("could not start " + name + " (" + String.join(" ", full) + "): "
                    + e.getMessage(), e);
        }
    }

    /** Runs a short-lived command to completion, output appended to {@code logFile}; fails naming the log. */
    public static void run(String what, List<String> command, Path workDir, Path logFile, long timeoutSeconds) {
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new DevStackException(what + " did not finish within " + timeoutSeconds + " s; see " + logFile);
            }
            if (process.exitValue() != 0) {
                throw new DevStackException(what + " failed (exit code " + process.exitValue() + "); see " + logFile
                        + LogTail.of(logFile));
            }
        } catch (IOException e) {
            throw new DevStackException(what + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException(what + " was interrupted", e);
        }
    }
}
