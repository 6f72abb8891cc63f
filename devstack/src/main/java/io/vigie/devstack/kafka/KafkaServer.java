package io.vigie.devstack.kafka;

import io.vigie.devstack.DevStackConfig;
import io.vigie.devstack.DevStackException;
import io.vigie.devstack.Distribution;
import io.vigie.devstack.process.ManagedProcess;
import io.vigie.devstack.process.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the broker from the jars the build copied to {@code target/kafka/libs}, in a JVM of its own, with its data
 * under {@code $VIGIE_HOME/kafka} and its output in {@code $VIGIE_HOME/logs/kafka.log}.
 */
public final class KafkaServer {

    public static final String NAME = "Kafka";

    private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);

    private final DevStackConfig config;
    private final Distribution distribution;

    public KafkaServer(DevStackConfig config, Distribution distribution) {
        this.config = config;
        this.distribution = distribution;
    }

    public static Path logFile(DevStackConfig config) {
        return config.logsDir().resolve("kafka.log");
    }

    public ManagedProcess start() {
        Path workDir = config.home().resolve("kafka");
        Path serverProperties = workDir.resolve("server.properties");
        PropertiesFile.write(serverProperties, "written by Vigie devstack at each start",
                KafkaBrokerConfig.properties(config, workDir.resolve("data")));
        log.info("Starting {} on {} (log: {})", NAME, config.kafkaBootstrapServers(), logFile(config));
        // KRaft needs formatted storage; --ignore-formatted makes this a no-op on every start but the first.
        ProcessLauncher.run("formatting Kafka storage",
                // A short-lived JVM: the C1 compiler alone starts it fastest.
                java(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                        List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                                "--cluster-id", clusterId(workDir), "--config", serverProperties.toString())),
                workDir, logFile(config), 120);
        return ProcessLauncher.start(NAME,
                java(List.of("-Xms" + config.kafkaHeap(), "-Xmx" + config.kafkaHeap(), "-XX:+UseG1GC"),
                        List.of("kafka.Kafka", serverProperties.toString())),
                workDir, Map.of(), logFile(config), Optional.empty());
    }

    private List<String> java(List<String> jvmOptions, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + distribution.kafkaLog4jConfig());
        command.add("-cp");
        // The JVM expands the wildcard itself: no shell involved.
        command.add(distribution.kafkaLibs() + "/*");
        command.addAll(mainAndArgs);
        return command;
    }

    // One cluster id per work folder: data formatted with one id refuses to start with another.
    private static String clusterId(Path workDir) {
        Path file = workDir.resolve("cluster.id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.createDirectories(workDir);
            Files.writeString(file, id);
            return id;
        } catch (IOException e) {
            throw new DevStackException("could not read or write " + file + ": " + e.getMessage(), e);
        }
    }
}
