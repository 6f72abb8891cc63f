package io.vigie.devstack.opensearch;

import io.vigie.devstack.DevStackConfig;
import io.vigie.devstack.DevStackException;
import io.vigie.devstack.Distribution;
import io.vigie.devstack.process.ManagedProcess;
import io.vigie.devstack.process.ProcessLauncher;
import io.vigie.devstack.process.SystemUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a single OpenSearch node from the distribution the build assembled, copied into
 * {@code $VIGIE_HOME/opensearch/home}: as root, the node must run as an unprivileged user, which can read neither
 * the build folder under a home directory nor ~/.m2, so it gets a copy it owns.
 */
public final class OpenSearchServer {

    public static final String NAME = "OpenSearch";

    private static final Logger log = LoggerFactory.getLogger(OpenSearchServer.class);
    private static final String FINGERPRINT = ".vigie-distribution";

    private final DevStackConfig config;
    private final Distribution distribution;
    private final Path javaHome;

    public OpenSearchServer(DevStackConfig config, Distribution distribution, Path javaHome) {
        this.config = config;
        this.distribution = distribution;
        this.javaHome = javaHome;
    }

    public static Path logFile(DevStackConfig config) {
        return config.logsDir().resolve("opensearch.log");
    }

    public ManagedProcess start() {
        Path root = config.home().resolve("opensearch");
        Path home = root.resolve("home");
        Optional<String> runAs = SystemUser.currentIsRoot() ? Optional.of(config.openSearchUser()) : Optional.empty();
        runAs.ifPresent(user -> {
            SystemUser.ensureExists(user);
            SystemUser.requireReachableByOthers(config.home(), user, DevStackConfig.HOME);
        });
        install(home);
        // Its own temp folder: bin/opensearch would otherwise leave a new one in /tmp at every start.
        createDirectories(root.resolve("data"), root.resolve("logs"), root.resolve("tmp"));
        runAs.ifPresent(user -> SystemUser.chownTree(root, user));

        log.info("Starting {} on {} with Java at {} (log: {})", NAME, config.openSearchUrl(), javaHome, logFile(config));
        List<String> command = List.of(
                home.resolve("bin/opensearch").toString(),
                "-Ecluster.name=vigie-devstack",
                "-Enode.name=devstack",
                "-Ediscovery.type=single-node",
                "-Enetwork.host=127.0.0.1",
                "-Ehttp.port=" + config.openSearchPort(),
                "-Etransport.port=" + config.openSearchTransportPort(),
                "-Epath.data=" + root.resolve("data"),
                "-Epath.logs=" + root.resolve("logs"),
                // A nearly full laptop disk would otherwise turn every index read-only.
                "-Ecluster.routing.allocation.disk.threshold_enabled=false");
        String javaOpts = ("-Xms" + config.openSearchHeap() + " -Xmx" + config.openSearchHeap() + " "
                + System.getenv().getOrDefault("OPENSEARCH_JAVA_OPTS", "")).trim();
        Map<String, String> env = Map.of(
                "OPENSEARCH_JAVA_HOME", javaHome.toString(),
                "OPENSEARCH_JAVA_OPTS", javaOpts,
                "OPENSEARCH_PATH_CONF", home.resolve("config").toString(),
                "OPENSEARCH_TMPDIR", root.resolve("tmp").toString());
        return ProcessLauncher.start(NAME, command, home, env, logFile(config), runAs);
    }

    /** Copies the distribution unless the copy is already of the same files (modules included). */
    private void install(Path home) {
        Path source = distribution.openSearchHome();
        String fingerprint = fingerprint(source);
        Path marker = home.resolve(FINGERPRINT);
        try {
            if (Files.exists(marker) && Files.readString(marker).equals(fingerprint)) {
                return;
            }
            log.info("Installing OpenSearch from {} into {}", source, home);
            deleteTree(home);
            copyTree(source, home);
            Files.writeString(marker, fingerprint);
        } catch (IOException e) {
            throw new DevStackException("could not install OpenSearch into " + home + ": " + e.getMessage(), e);
        }
    }

    private static String fingerprint(Path source) {
        try (Stream<Path> files = Files.walk(source)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> source.relativize(file) + " " + size(file))
                    .sorted()
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new DevStackException("cannot read the OpenSearch distribution " + source + ": " + e.getMessage(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES,
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static void createDirectories(Path... directories) {
        for (Path directory : directories) {
            try {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-xr-x")));
            } catch (IOException e) {
                throw new DevStackException("could not create " + directory + ": " + e.getMessage(), e);
            }
        }
    }
}
