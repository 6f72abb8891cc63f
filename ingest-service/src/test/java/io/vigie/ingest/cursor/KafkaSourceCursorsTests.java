package io.vigie.ingest.cursor;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaSourceCursorsTests {

    /** Ownership relies on it: the process owning a partition is the one that reads the cursors stored there. */
    @Test
    void anInstanceBelongsToThePartitionKafkaStoresItsCursorIn() {
        IntStream.range(0, 500).mapToObj(i -> "reddit:r/france-" + i).forEach(id ->
                assertThat(KafkaSourceCursors.partitionOf(id, 6))
                        .isEqualTo(BuiltInPartitioner.partitionForKey(id.getBytes(StandardCharsets.UTF_8), 6)));
    }
}
