package io.vigie.testsupport;

import org.opensearch.testcontainers.OpenSearchContainer;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One real Kafka broker and one real OpenSearch node per test JVM, shared by all its integration tests.
 * Use with {@code @ImportTestcontainers(VigieContainers.class)} on a Spring Boot test: Kafka is wired through
 * {@code @ServiceConnection} (and {@code spring.kafka.bootstrap-servers}, which the Stream binders read), OpenSearch through {@code vigie.opensearch.url} (Boot 4 has no connection details for it).
 *
 * <p>Images are pinned to the official names; on an air-gapped machine {@code scripts/build-standin-images.sh}
 * builds local stand-ins under the same names.
 */
public final class VigieContainers {

    public static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.2");
    public static final DockerImageName OPENSEARCH_IMAGE = DockerImageName.parse("opensearchproject/opensearch:2.19.6");

    @ServiceConnection
    public static final KafkaContainer KAFKA = new KafkaContainer(KAFKA_IMAGE);

    public static final OpenSearchContainer<?> OPENSEARCH = new OpenSearchContainer<>(OPENSEARCH_IMAGE)
            .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m");

    static {
        // Started once here (not per test class) so every IT in the JVM shares the same pair; the JVM exit ends them.
        KAFKA.start();
        OPENSEARCH.start();
    }

    private VigieContainers() {
    }

    /** The OpenSearch base URL, e.g. {@code http://localhost:32771}. */
    public static String openSearchUrl() {
        return OPENSEARCH.getHttpHostAddress();
    }

    @DynamicPropertySource
    static void containerProperties(DynamicPropertyRegistry registry) {
        registry.add("vigie.opensearch.url", VigieContainers::openSearchUrl);
        // The Spring Cloud Stream Kafka binders read this property and ignore @ServiceConnection: without it they
        // would silently talk to 127.0.0.1:9092 (a demo broker, if one runs) instead of the test container.
        registry.add("spring.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
    }
}
