package io.vigie.devstack.state;

import io.vigie.devstack.DevStackException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code $VIGIE_HOME/devstack.state}: which servers devstack started (pid, start time, ports) and which devstack
 * owns them. Only servers found here, alive, with the same pid and start time, are ever reused or stopped.
 */
public final class StateFile {

    private final Path file;

    public StateFile(Path home) {
        this.file = home.resolve("devstack.state");
    }

    public Path path() {
        return file;
    }

    public DevStackState read() {
        if (!Files.exists(file)) {
            return DevStackState.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return new DevStackState(
                    longValue(properties, "owner.pid"),
                    longValue(properties, "owner.startedAt"),
                    server(properties, "kafka"),
                    server(properties, "opensearch"));
        } catch (IOException | NumberFormatException e) {
            // A damaged state file describes nothing reliable; servers it named are then left alone.
            return DevStackState.empty();
        }
    }

    public void write(DevStackState state) {
        Properties properties = new Properties();
        properties.setProperty("owner.pid", Long.toString(state.ownerPid()));
        properties.setProperty("owner.startedAt", Long.toString(state.ownerStartedAt()));
        state.kafka().ifPresent(server -> put(properties, "kafka", server));
        state.openSearch().ifPresent(server -> put(properties, "opensearch", server));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary)) {
                properties.store(writer, "servers started by Vigie devstack; used by 'status', 'stop' and reuse");
            }
            // Atomic so that a concurrent 'status' never reads half a file.
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DevStackException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new DevStackException("could not delete " + file + ": " + e.getMessage(), e);
        }
    }

    private static void put(Properties properties, String prefix, ServerRecord server) {
        properties.setProperty(prefix + ".pid", Long.toString(server.pid()));
        properties.setProperty(prefix + ".startedAt", Long.toString(server.startedAt()));
        properties.setProperty(prefix + ".port", Integer.toString(server.port()));
        properties.setProperty(prefix + ".secondaryPort", Integer.toString(server.secondaryPort()));
    }

    private static Optional<ServerRecord> server(Properties properties, String prefix) {
        if (properties.getProperty(prefix + ".pid") == null) {
            return Optional.empty();
        }
        return Optional.of(new ServerRecord(
                longValue(properties, prefix + ".pid"),
                longValue(properties, prefix + ".startedAt"),
                (int) longValue(properties, prefix + ".port"),
                (int) longValue(properties, prefix + ".secondaryPort")));
    }

    private static long longValue(Properties properties, String key) {
        String value = properties.getProperty(key);
        return value == null ? 0 : Long.parseLong(value.trim());
    }
}
