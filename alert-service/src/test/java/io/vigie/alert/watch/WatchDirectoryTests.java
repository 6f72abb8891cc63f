package io.vigie.alert.watch;

import io.vigie.contracts.WatchChanged;
import io.vigie.contracts.WatchDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WatchDirectoryTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WatchDirectory directory = new WatchDirectory(new DefaultKafkaConsumerFactory<>(Map.of()), JSON);

    @Test
    void keepsTheLatestDefinitionAndForgetsDeletedWatches() {
        directory.apply("acme", change("acme", watch("acme", "Acme")));
        directory.apply("acme", change("acme", watch("acme", "Acme Corp")));
        directory.apply("beta", change("beta", watch("beta", "Beta")));

        assertThat(directory.find("acme")).map(WatchDefinition::name).contains("Acme Corp");

        directory.apply("acme", change("acme", null));
        directory.apply("beta", null);

        assertThat(directory.find("acme")).isEmpty();
        assertThat(directory.find("beta")).isEmpty();
    }

    @Test
    void skipsUnreadableRecords() {
        directory.apply("acme", change("acme", watch("acme", "Acme")));
        directory.apply("acme", "{not json");

        assertThat(directory.find("acme")).map(WatchDefinition::name).contains("Acme");
    }

    private static String change(String id, WatchDefinition watch) {
        return JSON.writeValueAsString(new WatchChanged(WatchChanged.SCHEMA_VERSION, id, watch, Instant.now(), "test"));
    }

    private static WatchDefinition watch(String id, String name) {
        return new WatchDefinition(id, name, id, List.of(), "Europe/Paris", false, null, List.of());
    }
}
