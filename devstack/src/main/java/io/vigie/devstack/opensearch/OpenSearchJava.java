package io.vigie.devstack.opensearch;

import io.vigie.devstack.DevStackConfig;
import io.vigie.devstack.DevStackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a Java runtime OpenSearch 2.19 runs on: 17 or 21 (on newer ones it dies at startup, its security manager
 * being gone). The integ-test-zip bundles none.
 */
public final class OpenSearchJava {

    static final Set<Integer> SUPPORTED = Set.of(17, 21);
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private OpenSearchJava() {
    }

    /**
     * {@code OPENSEARCH_JAVA_HOME} when set (it must be 17 or 21), else the first of {@code JAVA_HOME}, the JVM
     * running devstack, and the runtimes under {@code jvmDir} (e.g. /usr/lib/jvm) that is 17 or 21.
     */
    public static Path locate(DevStackConfig config, Path runningJavaHome, Path jvmDir) {
        if (config.openSearchJavaHome() != null) {
            Path home = config.openSearchJavaHome();
            int version = majorVersion(home).orElseThrow(() -> new DevStackException(
                    DevStackConfig.OPENSEARCH_JAVA_HOME + "=" + home + " is not a Java runtime (no release file)"));
            if (!SUPPORTED.contains(version)) {
                throw new DevStackException(DevStackConfig.OPENSEARCH_JAVA_HOME + "=" + home + " is Java " + version
                        + "; OpenSearch 2.19 needs Java 17 or 21");
            }
            return home;
        }
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(config.javaHome()).ifPresent(candidates::add);
        candidates.add(runningJavaHome);
        candidates.addAll(installed(jvmDir));
        return candidates.stream()
                .filter(home -> majorVersion(home).map(SUPPORTED::contains).orElse(false))
                .findFirst()
                .orElseThrow(() -> new DevStackException("no Java 17 or 21 found for OpenSearch 2.19 (looked at "
                        + candidates + "): install one (e.g. apt-get install openjdk-17-jre-headless) or set "
                        + DevStackConfig.OPENSEARCH_JAVA_HOME));
    }

    /** The major version a runtime's {@code release} file states. */
    static Optional<Integer> majorVersion(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(javaHome.resolve("bin/java"))) {
            return Optional.empty();
        }
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(release));
            return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<Path> installed(Path jvmDir) {
        if (!Files.isDirectory(jvmDir)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(jvmDir)) {
            // Real folders before the symlinks Debian adds, for a stable and readable choice.
            return homes.filter(Files::isDirectory)
                    .sorted(Comparator.comparing((Path home) -> Files.isSymbolicLink(home)).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
