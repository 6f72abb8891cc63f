package io.vigie.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** A throwaway work folder and free ports, so that tests never touch a developer's own devstack. */
final class DevStackTestSupport {

    private DevStackTestSupport() {
    }

    /** The real environment (JAVA_HOME, OPENSEARCH_JAVA_HOME...) with a fresh VIGIE_HOME and free ports. */
    static Map<String, String> isolatedEnvironment(Path home) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(DevStackConfig.HOME, home.toString());
        env.put(DevStackConfig.KAFKA_PORT, Integer.toString(freePort()));
        env.put(DevStackConfig.KAFKA_CONTROLLER_PORT, Integer.toString(freePort()));
        env.put(DevStackConfig.OPENSEARCH_PORT, Integer.toString(freePort()));
        env.put(DevStackConfig.OPENSEARCH_TRANSPORT_PORT, Integer.toString(freePort()));
        return env;
    }

    /**
     * Under the system temp folder and open to others: when the tests run as root, OpenSearch runs as an
     * unprivileged user that must reach it (JUnit's @TempDir is private to its owner).
     */
    static Path newHome() {
        try {
            return Files.createTempDirectory("vigie-devstack-it-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path tree) throws IOException {
        if (tree == null || !Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    // Ports differ run to run so that a leftover from one run cannot pass for the next one's servers.
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
