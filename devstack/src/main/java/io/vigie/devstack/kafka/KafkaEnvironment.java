package io.vigie.devstack.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configuration convention of the official {@code apache/kafka} image, which the stand-in image reproduces so that
 * Testcontainers' {@code KafkaContainer} (and any compose file) configures it the same way: every {@code KAFKA_*}
 * variable is a broker property, {@code KAFKA_FOO_BAR} → {@code foo.bar}, {@code __} → {@code _},
 * {@code ___} → {@code -}. Unset variables take the image's defaults (a single combined broker and controller).
 */
public final class KafkaEnvironment {

    /** The official image's defaults (its {@code configureDefaults} script), applied to unset variables. */
    static final Map<String, String> DEFAULTS = defaults();

    /** Variables for the JVM and its logging, not broker properties (the official image's exclusion list). */
    static final Set<String> NOT_PROPERTIES = Set.of(
            "KAFKA_VERSION", "KAFKA_HEAP_OPTS", "KAFKA_LOG4J_OPTS", "KAFKA_OPTS", "KAFKA_JMX_OPTS",
            "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_LOG4J_ROOT_LOGLEVEL", "KAFKA_LOG4J_LOGGERS",
            "KAFKA_TOOLS_LOG4J_LOGLEVEL");

    private static final String PREFIX = "KAFKA_";

    private KafkaEnvironment() {
    }

    /**
     * Writes the broker configuration the environment describes to the file named by the first argument. The stand-in
     * image's start script runs this before formatting the storage and starting the broker.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: KafkaEnvironment <server.properties to write>");
            System.exit(2);
        }
        PropertiesFile.write(Path.of(args[0]), "rendered from KAFKA_* environment variables",
                brokerProperties(System.getenv()));
    }

    /** Broker properties for {@code env}: defaults for what is unset, then the mapping, sorted by name. */
    public static Map<String, String> brokerProperties(Map<String, String> env) {
        Map<String, String> effective = new LinkedHashMap<>(DEFAULTS);
        env.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                effective.put(name, value);
            }
        });
        // A controller-only node has no client listener to advertise.
        if ("controller".equals(effective.get("KAFKA_PROCESS_ROLES"))) {
            effective.remove("KAFKA_ADVERTISED_LISTENERS");
        }
        return toProperties(effective);
    }

    /** The mapping alone: every {@code KAFKA_*} variable that is a broker property, by property name. */
    public static Map<String, String> toProperties(Map<String, String> env) {
        Map<String, String> properties = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && name.length() > PREFIX.length() && !NOT_PROPERTIES.contains(name)) {
                properties.put(propertyName(name), value);
            }
        });
        return properties;
    }

    /** {@code KAFKA_LOG_DIRS} → {@code log.dirs}; {@code __} → {@code _}; {@code ___} → {@code -}. */
    public static String propertyName(String variable) {
        String name = variable.startsWith(PREFIX) ? variable.substring(PREFIX.length()) : variable;
        StringBuilder property = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c != '_') {
                property.append(Character.toLowerCase(c));
                i++;
                continue;
            }
            int run = 0;
            while (i < name.length() && name.charAt(i) == '_') {
                run++;
                i++;
            }
            property.append(switch (run) {
                case 1 -> ".";
                case 2 -> "_";
                case 3 -> "-";
                // Undefined in the official image too; keep it visible rather than guess.
                default -> "_".repeat(run);
            });
        }
        return property.toString().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("KAFKA_NODE_ID", "1");
        defaults.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT");
        defaults.put("KAFKA_LISTENERS",
                "PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:9092");
        defaults.put("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:9092");
        defaults.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1");
        defaults.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        defaults.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        defaults.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1");
        defaults.put("KAFKA_PROCESS_ROLES", "broker,controller");
        defaults.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:29093");
        defaults.put("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
        defaults.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
        defaults.put("KAFKA_LOG_DIRS", "/tmp/kraft-combined-logs");
        return Map.copyOf(defaults);
    }
}
