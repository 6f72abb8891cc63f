package io.vigie.ingest.source.demo;

import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.MentionIngestedRecords;
import io.vigie.testsupport.VigieContainers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code demo} profile as the launcher runs it, on real Kafka, with the live part 60 times faster than real
 * time: every line of the bundled dataset once, history backdated with its exact spacing, then the live lines.
 */
@SpringBootTest(properties = "vigie.ingest.demo.speed=60")
@ActiveProfiles("demo")
@ImportTestcontainers(VigieContainers.class)
class DemoReplayIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theDatasetIsPublishedOnceHistoryBackdatedThenLive() {
        Instant testStart = Instant.now();
        DemoDataset dataset = DemoDataset.read(
                new DefaultResourceLoader().getResource("classpath:demo/nuvelia-demo.jsonl"), JSON);
        Map<String, DemoLine> lineById = dataset.lines().stream()
                .collect(Collectors.toMap(line -> MentionId.of("demo", line.nativeId()), Function.identity()));

        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(60))
                .until(this::demoRecords, found -> found.size() >= dataset.lines().size());

        assertThat(records).hasSize(dataset.lines().size());
        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
        Map<String, MentionIngested> mentions = records.stream()
                .map(record -> JSON.readValue(record.value(), MentionIngested.class))
                .collect(Collectors.toMap(MentionIngested::id, Function.identity()));
        assertThat(mentions.keySet()).isEqualTo(lineById.keySet());

        DemoLine oldest = dataset.history().get(0);
        Instant replayStart = mentions.get(id(oldest)).publishedAt().minusSeconds(oldest.offsetSeconds());
        assertThat(replayStart).isAfterOrEqualTo(testStart.minusSeconds(120)).isBefore(Instant.now());
        for (DemoLine line : dataset.history()) {
            assertThat(mentions.get(id(line)).publishedAt()).as(line.nativeId())
                    .isEqualTo(replayStart.plusSeconds(line.offsetSeconds()));
        }
        List<Instant> liveTimes = dataset.live().stream().map(line -> mentions.get(id(line)).publishedAt()).toList();
        assertThat(liveTimes).isSorted().allSatisfy(time -> assertThat(time).isAfterOrEqualTo(replayStart));
        for (DemoLine line : dataset.live()) {
            assertThat(mentions.get(id(line)).publishedAt()).as(line.nativeId())
                    .isEqualTo(replayStart.plusMillis(Math.round(line.offsetSeconds() * 1000 / 60.0)));
        }
        MentionIngested any = mentions.get(id(oldest));
        assertThat(any.source().type()).isEqualTo("demo");
        assertThat(any.source().name()).isEqualTo(oldest.sourceName());
        assertThat(any.watchIds()).containsExactly("nuvelia");
        assertThat(any.text()).isEqualTo(oldest.text());
    }

    private List<ConsumerRecord<String, String>> demoRecords() {
        return MentionIngestedRecords.readAll().stream()
                .filter(record -> record.value().contains("\"source\":{\"type\":\"demo\""))
                .toList();
    }

    private static String id(DemoLine line) {
        return MentionId.of("demo", line.nativeId());
    }
}
