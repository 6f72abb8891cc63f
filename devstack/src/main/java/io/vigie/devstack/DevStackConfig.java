package io.vigie.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where devstack works and which ports its servers take. Built from the environment ({@link #fromEnvironment}), so the
 * launcher, the CLI and tests configure it the same way.
 *
 * @param home                    work folder: data, logs, state file ({@code VIGIE_HOME})
 * @param kafkaPort               Kafka client listener ({@code VIGIE_KAFKA_PORT})
 * @param kafkaControllerPort     KRaft controller listener ({@code VIGIE_KAFKA_CONTROLLER_PORT})
 * @param openSearchPort          OpenSearch HTTP ({@code VIGIE_OPENSEARCH_PORT})
 * @param openSearchTransportPort OpenSearch transport ({@code VIGIE_OPENSEARCH_TRANSPORT_PORT})
 * @param kafkaHeap               broker heap, e.g. {@code 512m} ({@code VIGIE_KAFKA_HEAP})
 * @param openSearchHeap          node heap, e.g. {@code 512m} ({@code VIGIE_OPENSEARCH_HEAP})
 * @param openSearchJavaHome      Java 17 or 21 for OpenSearch; {@code null} to look for one ({@code OPENSEARCH_JAVA_HOME})
 * @param javaHome                the user's {@code JAVA_HOME}, one of the places to look; may be {@code null}
 * @param distribution            folder holding {@code kafka/} and {@code opensearch-<version>/}; {@code null} for the
 *                                build output next to devstack's own classes ({@code VIGIE_DEVSTACK_DIST})
 * @param openSearchUser          unprivileged user OpenSearch runs as when devstack runs as root ({@code VIGIE_OPENSEARCH_USER})
 * @param startupTimeout          how long to wait for each server to answer ({@code VIGIE_STARTUP_TIMEOUT}, seconds)
 */
public record DevStackConfig(
        Path home,
        int kafkaPort,
        int kafkaControllerPort,
        int openSearchPort,
        int openSearchTransportPort,
        String kafkaHeap,
        String openSearchHeap,
        Path openSearchJavaHome,
        Path javaHome,
        Path distribution,
        String openSearchUser,
        Duration startupTimeout) {

    public static final String HOME = "VIGIE_HOME";
    public static final String KAFKA_PORT = "VIGIE_KAFKA_PORT";
    public static final String KAFKA_CONTROLLER_PORT = "VIGIE_KAFKA_CONTROLLER_PORT";
    public static final String OPENSEARCH_PORT = "VIGIE_OPENSEARCH_PORT";
    public static final String OPENSEARCH_TRANSPORT_PORT = "VIGIE_OPENSEARCH_TRANSPORT_PORT";
    public static final String KAFKA_HEAP = "VIGIE_KAFKA_HEAP";
    public static final String OPENSEARCH_HEAP = "VIGIE_OPENSEARCH_HEAP";
    public static final String OPENSEARCH_JAVA_HOME = "OPENSEARCH_JAVA_HOME";
    public static final String JAVA_HOME = "JAVA_HOME";
    public static final String DISTRIBUTION = "VIGIE_DEVSTACK_DIST";
    public static final String OPENSEARCH_USER = "VIGIE_OPENSEARCH_USER";
    public static final String STARTUP_TIMEOUT = "VIGIE_STARTUP_TIMEOUT";

    // /var/tmp survives reboots on most systems and, unlike a home directory, is reachable by the unprivileged
    // user OpenSearch runs as when devstack is started as root.
    static final String DEFAULT_HOME = "/var/tmp/vigie";
    private static final Pattern HEAP = Pattern.compile("\\d+[mMgG]");

    public DevStackConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(kafkaHeap, "kafkaHeap");
        Objects.requireNonNull(openSearchHeap, "openSearchHeap");
        Objects.requireNonNull(openSearchUser, "openSearchUser");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        home = home.toAbsolutePath().normalize();
        requireDistinctPorts(kafkaPort, kafkaControllerPort, openSearchPort, openSearchTransportPort);
    }

    /** The defaults: {@code /var/tmp/vigie}, ports 9092, 9093, 9200, 9300, 512m heaps. */
    public static DevStackConfig defaults() {
        return fromEnvironment(Map.of());
    }

    /** Reads the {@code VIGIE_*} variables (and {@code OPENSEARCH_JAVA_HOME}, {@code JAVA_HOME}); unset means default. */
    public static DevStackConfig fromEnvironment(Map<String, String> env) {
        return new DevStackConfig(
                Path.of(value(env, HOME, DEFAULT_HOME)),
                port(env, KAFKA_PORT, 9092),
                port(env, KAFKA_CONTROLLER_PORT, 9093),
                port(env, OPENSEARCH_PORT, 9200),
                port(env, OPENSEARCH_TRANSPORT_PORT, 9300),
                heap(env, KAFKA_HEAP),
                heap(env, OPENSEARCH_HEAP),
                optionalPath(env, OPENSEARCH_JAVA_HOME),
                optionalPath(env, JAVA_HOME),
                optionalPath(env, DISTRIBUTION),
                value(env, OPENSEARCH_USER, "vigie-os"),
                Duration.ofSeconds(positive(env, STARTUP_TIMEOUT, 180)));
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String openSearchUrl() {
        return "http://127.0.0.1:" + openSearchPort;
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static Path optionalPath(Map<String, String> env, String name) {
        String value = value(env, name, null);
        return value == null ? null : Path.of(value);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        int port = integer(env, name, fallback, "a port number (1-65535)");
        if (port < 1 || port > 65535) {
            throw new DevStackException(name + " must be a port number (1-65535), got " + port);
        }
        return port;
    }

    private static int positive(Map<String, String> env, String name, int fallback) {
        int value = integer(env, name, fallback, "a number of seconds");
        if (value < 1) {
            throw new DevStackException(name + " must be a positive number of seconds, got " + value);
        }
        return value;
    }

    private static int integer(Map<String, String> env, String name, int fallback, String expected) {
        String value = value(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new DevStackException(name + " must be " + expected + ", got '" + value + "'");
        }
    }

    private static String heap(Map<String, String> env, String name) {
        String value = value(env, name, "512m");
        if (!HEAP.matcher(value).matches()) {
            throw new DevStackException(name + " must be a heap size such as 512m or 1g, got '" + value + "'");
        }
        return value;
    }

    private static void requireDistinctPorts(int kafka, int controller, int openSearch, int transport) {
        Map<Integer, String> seen = new LinkedHashMap<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(KAFKA_PORT, kafka);
        ports.put(KAFKA_CONTROLLER_PORT, controller);
        ports.put(OPENSEARCH_PORT, openSearch);
        ports.put(OPENSEARCH_TRANSPORT_PORT, transport);
        ports.forEach((name, port) -> {
            String other = seen.putIfAbsent(port, name);
            if (other != null) {
                throw new DevStackException(other + " and " + name + " are both " + port
                        + ": give each listener its own port");
            }
        });
    }
}
