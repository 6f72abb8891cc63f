package io.vigie.ingest.source.demo;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.config.IngestProperties;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.RecentIds;
import io.vigie.ingest.publish.RecordingSink;
import io.vigie.ingest.source.EntryIssue;
import io.vigie.ingest.source.SourceHealthRegistry;
import io.vigie.ingest.watch.Watch;
import io.vigie.ingest.watch.WatchMatcher;
import io.vigie.ingest.watch.WatchRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class DemoReplayTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema MENTION_INGESTED_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/mention-ingested.v1.schema.json"));

    private final RecordingSink sink = new RecordingSink();
    private final SourceHealthRegistry health = new SourceHealthRegistry(new SimpleMeterRegistry());
    private DemoReplay replay;

    @AfterEach
    void stopReplay() {
        if (replay != null) {
            replay.stop();
        }
    }

    @Test
    void historyIsPublishedBackdatedThenTheLivePartWhenItsTimeComes() {
        Instant before = Instant.now();
        replay = demo("classpath:demo/small-demo.jsonl", 120);

        replay.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.sent().size() == 6);
        Map<String, MentionIngested> byId = sink.sent().stream()
                .collect(Collectors.toMap(MentionIngested::id, Function.identity()));
        MentionIngested history = byId.get(MentionId.of("demo", "t-001"));
        Instant replayStart = history.publishedAt().plusSeconds(86_400);
        assertThat(replayStart).isBetween(before, Instant.now());
        assertThat(byId.get(MentionId.of("demo", "t-002")).publishedAt()).isEqualTo(replayStart.minusSeconds(7_200));
        assertThat(byId.get(MentionId.of("demo", "t-003")).publishedAt()).isEqualTo(replayStart.minusSeconds(3_600));
        assertThat(byId.get(MentionId.of("demo", "t-006")).publishedAt())
                .as("live offsets are divided by the speed").isEqualTo(replayStart.plusMillis(500));
        assertThat(sink.sent()).extracting(MentionIngested::publishedAt).isSorted();
        assertThat(history.watchIds()).containsExactly("nuvelia");
        assertThat(history.source().type()).isEqualTo("demo");
        assertThat(history.source().name()).isEqualTo("Forum Conso");
        assertThat(history.author().name()).isEqualTo("Léa Martin");
        assertThat(history.author().followers()).isEqualTo(120);
        assertThat(history.engagement().likes()).isEqualTo(3);
        assertThat(history.language()).isEqualTo("fr");
        assertThat(byId.get(MentionId.of("demo", "t-002")).rating().value()).isEqualTo(5);
        assertThat(health.get("demo").issues())
                .containsEntry(EntryIssue.UNREADABLE.code(), 1L)
                .containsEntry(EntryIssue.NO_ID.code(), 1L);
    }

    @Test
    void startingTwiceInOneProcessPublishesEachLineOnce() {
        replay = demo("classpath:demo/small-demo.jsonl", 120);

        replay.start();
        replay.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> health.get("demo") != null && health.get("demo").polls() == 4);
        assertThat(sink.sent()).hasSize(6);
        assertThat(health.get("demo").duplicates()).isZero();
    }

    @Test
    void theBundledDatasetIsReadWholeAndEveryLineMakesAValidMention() {
        DemoDataset dataset = DemoDataset.read(
                new DefaultResourceLoader().getResource("classpath:demo/nuvelia-demo.jsonl"), JSON);

        assertThat(dataset.issues()).isEmpty();
        assertThat(dataset.history()).hasSizeGreaterThan(1_000);
        assertThat(dataset.live()).isNotEmpty();
        assertThat(dataset.lines()).extracting(DemoLine::nativeId).doesNotHaveDuplicates();
        replay = demo("classpath:demo/nuvelia-demo.jsonl", 1);
        replay.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.sent().size() >= dataset.history().size());
        assertThat(sink.sent()).allSatisfy(mention ->
                assertThat(MENTION_INGESTED_SCHEMA.validate(JSON.valueToTree(mention))).as(mention.url()).isEmpty());
    }

    @Test
    void aMissingDatasetStopsTheServiceWithHowToMakeIt() {
        assertThatThrownBy(() -> demo("classpath:demo/missing.jsonl", 1))
                .hasMessageContaining("scripts/generate-demo-data.py");
    }

    private DemoReplay demo(String dataset, double speed) {
        WatchRepository watches = new WatchRepository(List.of(
                new Watch("nuvelia", "Nuvelia", List.of("nuvelia"), List.of(), List.of())));
        IngestProperties properties = new IngestProperties(List.of(), null,
                new IngestProperties.Demo(true, dataset, "nuvelia", speed), null, null);
        MentionPipeline pipeline = new MentionPipeline(new WatchMatcher(watches), new RecentIds(10_000), sink,
                new SimpleMeterRegistry());
        return new DemoReplay(properties, watches, new DefaultResourceLoader(), JSON, pipeline, health,
                Clock.systemUTC());
    }
}
