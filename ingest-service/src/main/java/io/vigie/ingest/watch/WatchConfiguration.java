package io.vigie.ingest.watch;

import io.vigie.contracts.WatchChanged;
import io.vigie.contracts.WatchDefinition;
import io.vigie.ingest.config.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;

/**
 * Wires the watches: the topic is read before the {@link WatchRepository} bean exists, so everything that uses
 * watches (matching, connectors, the demo) starts with the complete list; then the configured watches
 * ({@code vigie.ingest.watches}) the topic does not know yet are added to it.
 */
@Configuration(proxyBeanMethods = false)
public class WatchConfiguration {

    /** {@code changedBy} of the watches seeded from {@code application.yml}. */
    static final String CONFIGURATION_AUTHOR = "configuration";

    private static final Logger log = LoggerFactory.getLogger(WatchConfiguration.class);

    @Bean
    WatchChangeLog watchChangeLog(ConsumerFactory<?, ?> consumers, KafkaTemplate<String, Object> kafka,
                                  KafkaAdmin admin, JsonMapper json, WatchStoreProperties store,
                                  IngestProperties properties) {
        return new WatchChangeLog(new WatchRepository(), consumers, kafka, admin, json, store,
                properties.topics().replicationFactor());
    }

    @Bean
    WatchRepository watchRepository(WatchChangeLog changeLog, IngestProperties properties, Clock clock) {
        List<WatchDefinition> configured = WatchRepository.validatedConfiguration(properties.watches());
        changeLog.load();
        WatchRepository repository = changeLog.repository();
        for (WatchDefinition watch : configured) {
            if (repository.find(watch.id()).isPresent()) {
                log.info("watch '{}' of vigie.ingest.watches is already stored; the stored version is kept (change "
                        + "it through /api/watches)", watch.id());
            } else {
                changeLog.record(new WatchChanged(WatchChanged.SCHEMA_VERSION, watch.id(), watch, clock.instant(),
                        CONFIGURATION_AUTHOR));
                log.info("watch '{}' of vigie.ingest.watches stored", watch.id());
            }
        }
        if (repository.definitions().isEmpty()) {
            log.warn("no watch yet: nothing will be published; create one with POST /api/watches or under "
                    + "vigie.ingest.watches");
        }
        return repository;
    }

    @Bean
    WatchService watchService(WatchRepository repository, WatchChanges changes, Clock clock) {
        return new WatchService(repository, changes, clock);
    }
}
