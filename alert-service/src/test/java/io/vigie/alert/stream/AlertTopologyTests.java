package io.vigie.alert.stream;

import io.vigie.alert.DemoDataset;
import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.CrisisVocabulary;
import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.Detectors;
import io.vigie.alert.detect.WatchProfiles;
import io.vigie.alert.detect.NegativeSurgeDetector;
import io.vigie.alert.window.MentionTimestampExtractor;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The real topology (Kafka Streams code, state stores, windows) driven without a broker by the demo dataset. */
class AlertTopologyTests {

    private static final AlertProperties PROPERTIES = new AlertProperties(
            new AlertProperties.Window(Duration.ofMinutes(15), Duration.ofDays(14), 5),
            new AlertProperties.History(Duration.ofDays(14)),
            new AlertProperties.NegativeSurge(48, 6, 0.4, 4),
            new AlertProperties.Webhook(null, false, 4, Duration.ofSeconds(1), Duration.ofSeconds(10)));

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, MentionScored> mentions;
    private TestOutputTopic<String, AlertRaised> alerts;

    @BeforeEach
    void buildTopology() {
        DetectionProperties detection = DetectionProperties.defaults();
        AlertEngine engine = new AlertEngine(Detectors.all(PROPERTIES.negativeSurge(), detection), detection,
                Clock.systemUTC());
        StreamsBuilder builder = new StreamsBuilder();
        new AlertTopology(PROPERTIES, engine, new CrisisVocabulary(detection.crisisTerms()),
                new WatchProfiles(detection.defaultTimeZone()))
                .raiseAlerts(builder.stream(Topics.MENTION_SCORED, Consumed.with(Serdes.String(), new MentionScoredSerde())
                        .withTimestampExtractor(new MentionTimestampExtractor())))
                .to(Topics.ALERT_RAISED, Produced.with(Serdes.String(), new AlertRaisedSerde()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config);
        mentions = driver.createInputTopic(Topics.MENTION_SCORED, Serdes.String().serializer(),
                new MentionScoredSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERT_RAISED, Serdes.String().deserializer(),
                new AlertRaisedSerde().deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void theDemoCrisisRaisesOneAlertAndTheOrdinaryDaysNone() {
        Instant replayStart = Instant.now();
        List<DemoDataset.Line> lines = DemoDataset.lines();

        lines.stream().filter(line -> !line.crisis()).forEach(line -> pipe(line, replayStart));
        assertThat(alerts.readValuesToList()).as("alerts during the ordinary days").isEmpty();

        lines.stream().filter(DemoDataset.Line::crisis).forEach(line -> pipe(line, replayStart));
        var raised = alerts.readKeyValuesToList();

        // One alert, re-sent under the same id only when it escalates; the last one is the crisis at its worst.
        assertThat(raised).extracting(record -> record.value.id()).containsOnly(raised.get(0).value.id());
        assertThat(raised).extracting(record -> record.value.severity()).doesNotHaveDuplicates().isSorted();
        assertThat(raised.get(raised.size() - 1)).satisfies(record -> {
            assertThat(record.key).isEqualTo(DemoDataset.WATCH);
            AlertRaised alert = record.value;
            assertThat(alert.detector()).isEqualTo(NegativeSurgeDetector.NAME);
            assertThat(alert.id()).isEqualTo("nuvelia:negative-surge:" + alert.episodeStart());
            assertThat(alert.windowEnd()).isEqualTo(alert.windowStart().plus(Duration.ofMinutes(15)));
            assertThat(alert.windowEnd()).isAfter(replayStart);
            assertThat(alert.observed()).isGreaterThan(alert.expected());
            Set<String> crisisNegatives = lines.stream().filter(l -> l.crisis() && l.negative())
                    .map(DemoDataset.Line::mentionId).collect(Collectors.toSet());
            assertThat(alert.mentionIds()).isNotEmpty().allMatch(crisisNegatives::contains);
        });
    }

    @Test
    void aMentionOfTwoWatchesCountsForBothAndALateMentionForAnOldWindowIsIgnored() {
        Instant replayStart = Instant.now();
        List<DemoDataset.Line> lines = DemoDataset.lines();
        // Three days are enough history to be past the warm-up (each record costs a store flush in the test driver).
        long threeDays = Duration.ofDays(3).toSeconds();
        lines.stream().filter(line -> !line.crisis() && line.offsetSeconds() > -threeDays)
                .forEach(line -> pipe(line, replayStart));

        // The crisis, seen by a second watch that has no history: it is still warming up, so only nuvelia alerts.
        lines.stream().filter(DemoDataset.Line::crisis).forEach(line -> {
            MentionScored scored = line.scored(replayStart);
            var mention = scored.mention();
            var twoWatches = new MentionIngested(mention.schemaVersion(), mention.id(),
                    List.of("nuvelia", "energy-sector"), mention.source(), mention.url(), mention.author(),
                    mention.title(), mention.text(), mention.language(), mention.publishedAt(), mention.fetchedAt(),
                    mention.engagement(), mention.rating());
            mentions.pipeInput(mention.id(), new MentionScored(scored.schemaVersion(), twoWatches, scored.language(),
                    scored.languageConfidence(), scored.sentiment(), scored.scoredAt()));
        });

        assertThat(alerts.readKeyValuesToList()).extracting(record -> record.key).isNotEmpty().containsOnly("nuvelia");
    }

    private void pipe(DemoDataset.Line line, Instant replayStart) {
        MentionScored scored = line.scored(replayStart);
        mentions.pipeInput(scored.mention().id(), scored, replayStart.plusSeconds(Math.max(line.offsetSeconds(), 0)));
    }
}
