package io.vigie.devstack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The server bits the devstack build lays out in {@code devstack/target/} (see devstack/pom.xml): the broker's
 * classpath and the assembled OpenSearch distribution. Nothing is downloaded at run time.
 */
public record Distribution(Path root) {

    /** OpenSearch version of the assembled distribution; the folder is named after it. */
    public static final String OPENSEARCH_VERSION = "2.19.6";

    public Path kafkaLibs() {
        return root.resolve("kafka").resolve("libs");
    }

    public Path kafkaLog4jConfig() {
        return root.resolve("kafka").resolve("config").resolve("log4j2.properties");
    }

    public Path openSearchHome() {
        return root.resolve("opensearch-" + OPENSEARCH_VERSION);
    }

    /**
     * The configured folder, or else the folder holding devstack's own classes or jar: {@code target/classes} and
     * {@code target/devstack.jar} both sit next to what the build assembled.
     */
    public static Distribution locate(Path configured) {
        Distribution distribution = new Distribution(configured != null ? configured : besideOwnCode());
        distribution.requireComplete();
        return distribution;
    }

    private static Path besideOwnCode() {
        CodeSource source = Distribution.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new DevStackException("cannot tell where devstack runs from; set "
                    + DevStackConfig.DISTRIBUTION + " to the devstack/target folder");
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new DevStackException("cannot tell where devstack runs from; set "
                    + DevStackConfig.DISTRIBUTION + " to the devstack/target folder", e);
        }
    }

    private void requireComplete() {
        for (Path required : new Path[] {kafkaLibs(), kafkaLog4jConfig(), openSearchHome().resolve("bin/opensearch")}) {
            if (!Files.exists(required)) {
                throw new DevStackException("devstack distribution incomplete: " + required + " is missing; build it with "
                        + "'./mvnw -pl devstack -am -DskipTests package' or set " + DevStackConfig.DISTRIBUTION);
            }
        }
    }
}
