package io.vigie.alert.stream;

import io.vigie.alert.DemoDataset;
import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.detect.AlertEngine;
import io.vigie.alert.detect.AnomalyLikelihoodDetector;
import io.vigie.alert.detect.CrisisTermsDetector;
import io.vigie.alert.detect.CrisisVocabulary;
import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.Detectors;
import io.vigie.alert.detect.NegativeSurgeDetector;
import io.vigie.alert.detect.RandomCutForestDetector;
import io.vigie.alert.detect.SilenceDetector;
import io.vigie.alert.detect.SlowClimbDetector;
import io.vigie.alert.detect.VolumeSpikeDetector;
import io.vigie.alert.detect.VolumeDropDetector;
import io.vigie.alert.detect.WatchProfiles;
import io.vigie.alert.watch.SourceHeartbeats;
import io.vigie.alert.watch.WatchDirectory;
import io.vigie.alert.window.MentionTimestampExtractor;
import io.vigie.alert.window.WindowResolutions;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import io.vigie.contracts.MentionSource;
import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;
import io.vigie.contracts.SourcePolled;
import io.vigie.contracts.Topics;
import io.vigie.contracts.WatchAlerting;
import io.vigie.contracts.WatchChanged;
import io.vigie.contracts.WatchDefinition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The real topology (Kafka Streams code, state stores, windows) driven without a broker. */
class AlertTopologyTests {

    private static final AlertProperties PROPERTIES = new AlertProperties(
            new AlertProperties.Window(Duration.ofMinutes(15), Duration.ofDays(14), 5),
            new AlertProperties.History(Duration.ofDays(14)),
            new AlertProperties.NegativeSurge(48, 6, 0.4, 4),
            new AlertProperties.Webhook(null, false, 4, Duration.ofSeconds(1), Duration.ofSeconds(10)));
    private static final AlertProperties PROPERTIES_HOURLY = new AlertProperties(
            new AlertProperties.Window(Duration.ofHours(1), Duration.ofDays(14), 5), PROPERTIES.history(),
            PROPERTIES.negativeSurge(), PROPERTIES.webhook());
    private static final Duration QUARTER = Duration.ofMinutes(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * The replays' "now", fixed: the demo's rhythm is relative to the replay start, so with the real time a test could
     * pass at one hour of the day and fail at another (DemoOrdinaryDaysTests covers every hour of a day). The time CI
     * once failed at.
     */
    private static final Instant NOW = Instant.parse("2026-11-26T15:14:30Z");

    @TempDir
    Path stateDir;

    private final WatchDirectory watches = new WatchDirectory(new DefaultKafkaConsumerFactory<>(Map.of()), JSON);
    private final SourceHeartbeats sources = new SourceHeartbeats(new DefaultKafkaConsumerFactory<>(Map.of()), JSON);
    private TopologyTestDriver driver;
    private TestInputTopic<String, MentionScored> mentions;
    private TestOutputTopic<String, AlertRaised> alerts;

    private void start(WindowResolutions resolutions, Instant wallClock) {
        start(PROPERTIES, resolutions, wallClock);
    }

    private void start(AlertProperties properties, WindowResolutions resolutions, Instant wallClock) {
        DetectionProperties detection = DetectionProperties.defaults();
        AlertEngine engine = new AlertEngine(Detectors.all(PROPERTIES.negativeSurge(), detection), detection,
                Clock.systemUTC());
        WatchProfiles profiles = AlertFunctions.follow(new WatchProfiles(detection.defaultTimeZone()), watches);
        StreamsBuilder builder = new StreamsBuilder();
        ReadingLag readingLag = new ReadingLag();
        new AlertTopology(properties, resolutions, engine, new CrisisVocabulary(detection.crisisTerms()), profiles,
                watches, sources, readingLag)
                .raiseAlerts(builder.stream(Topics.MENTION_SCORED, Consumed.with(Serdes.String(), new MentionScoredSerde())
                        .withTimestampExtractor(new MentionTimestampExtractor(readingLag))))
                .to(Topics.ALERT_RAISED, Produced.with(Serdes.String(), new AlertRaisedSerde()));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), config, wallClock);
        mentions = driver.createInputTopic(Topics.MENTION_SCORED, Serdes.String().serializer(),
                new MentionScoredSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERT_RAISED, Serdes.String().deserializer(),
                new AlertRaisedSerde().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void theDemoCrisisRaisesOneIncidentAcrossWindowSizesAndTheOrdinaryDaysNone() {
        start(WindowResolutions.of(QUARTER, Duration.ofHours(1)), NOW);
        Instant replayStart = NOW;
        List<DemoDataset.Line> lines = DemoDataset.lines();

        lines.stream().filter(line -> !line.crisis()).forEach(line -> pipe(line, replayStart));
        assertThat(alerts.readValuesToList()).as("alerts during the ordinary days").isEmpty();

        lines.stream().filter(DemoDataset.Line::crisis).forEach(line -> pipe(line, replayStart));
        var raised = alerts.readKeyValuesToList();

        // One incident whatever the window size, re-sent under the same id only when it escalates; the last event is
        // the crisis at its worst.
        assertThat(raised).extracting(record -> record.value.id()).containsOnly(raised.get(0).value.id());
        assertThat(raised).extracting(record -> record.value.severity()).doesNotHaveDuplicates().isSorted();
        assertThat(raised.get(raised.size() - 1)).satisfies(record -> {
            assertThat(record.key).isEqualTo(DemoDataset.WATCH);
            AlertRaised alert = record.value;
            // Opened by the surge; at its worst the strongest signal is the surge, the crisis vocabulary or the
            // volume (against the same hour of working days, in the hourly window), depending on where the windows
            // fall.
            assertThat(alert.id()).isEqualTo("nuvelia:negative-surge:" + alert.episodeStart());
            assertThat(alert.detector()).isIn(NegativeSurgeDetector.NAME, CrisisTermsDetector.NAME,
                    VolumeSpikeDetector.NAME);
            assertThat(Duration.between(alert.windowStart(), alert.windowEnd())).isIn(QUARTER, Duration.ofHours(1));
            assertThat(alert.windowEnd()).isAfter(replayStart);
            assertThat(alert.observed()).isGreaterThan(alert.expected());
            Set<String> crisisNegatives = lines.stream().filter(l -> l.crisis() && l.negative())
                    .map(DemoDataset.Line::mentionId).collect(Collectors.toSet());
            assertThat(alert.mentionIds()).isNotEmpty().allMatch(crisisNegatives::contains);
        });
    }

    @Test
    void theHourlyWindowsAloneSeeTheCrisisToo() {
        // Control for the test above: the hourly windows on their own open an incident for the crisis, so a single
        // incident with both sizes means they shared it, not that one of them stayed quiet.
        start(PROPERTIES_HOURLY, WindowResolutions.of(Duration.ofHours(1)), NOW);
        replayLastDaysAndCrisis(NOW, 14);

        assertThat(alerts.readValuesToList()).isNotEmpty().allSatisfy(alert -> {
            assertThat(alert.status()).isIn(AlertStatus.OPEN, AlertStatus.ESCALATED);
            assertThat(Duration.between(alert.windowStart(), alert.windowEnd())).isEqualTo(Duration.ofHours(1));
        });
    }

    @Test
    void aCrisisInABacklogIsJudgedOnceCompleteAndStillOpensOneIncident() {
        // The service catches up on two days it missed: the crisis's windows are long over, so each is judged once,
        // complete (when the next window begins or the wall clock closes it), not at every partial state.
        start(WindowResolutions.of(QUARTER), NOW);
        Instant replayStart = NOW.minus(Duration.ofDays(2));
        replayLastDaysAndCrisis(replayStart, 3);
        driver.advanceWallClockTime(Duration.ofMinutes(1));

        var raised = alerts.readValuesToList();
        assertThat(raised).isNotEmpty().extracting(AlertRaised::id).containsOnly(raised.get(0).id());
        assertThat(raised.get(0).id()).startsWith("nuvelia:negative-surge:");
        assertThat(raised).extracting(AlertRaised::status).first().isEqualTo(AlertStatus.OPEN);
        assertThat(raised).allSatisfy(alert -> assertThat(alert.windowEnd()).isBefore(NOW));
    }

    @Test
    void aWatchDefinedOnWatchChangedIsJudgedInItsOwnTimeZone() {
        start(WindowResolutions.of(QUARTER), NOW);
        define(watch("nuvelia", "Europe/Paris", null));
        Instant replayStart = NOW;
        replayLastDaysAndCrisis(replayStart, 3);

        var raised = alerts.readValuesToList();
        assertThat(raised).isNotEmpty().allSatisfy(alert -> assertThat(alert.summary()).contains("Europe/Paris"));
    }

    @Test
    void aDetectorSetOffForAWatchNeverFiresForIt() {
        start(WindowResolutions.of(QUARTER), NOW);
        define(watch("nuvelia", null, new WatchAlerting(null, Map.of(NegativeSurgeDetector.NAME, Sensitivity.OFF),
                List.of(), List.of(), null)));
        Instant replayStart = NOW;
        replayLastDaysAndCrisis(replayStart, 3);

        assertThat(alerts.readValuesToList()).allSatisfy(alert -> {
            assertThat(alert.detector()).isNotEqualTo(NegativeSurgeDetector.NAME);
            assertThat(alert.summary()).doesNotContain(NegativeSurgeDetector.NAME);
        });
    }

    @Test
    void aDeletedWatchStopsAlerting() {
        start(WindowResolutions.of(QUARTER), NOW);
        define(watch("nuvelia", null, null));
        watches.apply("nuvelia", null);
        replayLastDaysAndCrisis(NOW, 3);

        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    void aFinishedWindowFarBelowItsUsualVolumeRaisesAVolumeDropOnceTheNextWindowBegins() {
        Instant now = NOW.truncatedTo(ChronoUnit.HOURS);
        start(WindowResolutions.of(QUARTER), now);
        Instant dropWindow = now.minus(QUARTER.multipliedBy(2));
        aDayOfTwentyPerWindowThenTwoIn(dropWindow);
        assertThat(alerts.readValuesToList()).as("a window that is still filling up is no drop").isEmpty();

        send("acme", dropWindow.plus(QUARTER).plusSeconds(30), "next-1");

        assertThat(alerts.readValuesToList()).singleElement().satisfies(alert -> {
            assertThat(alert.detector()).isEqualTo(VolumeDropDetector.NAME);
            assertThat(alert.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.windowStart()).isEqualTo(dropWindow);
            assertThat(alert.observed()).isEqualTo(2);
        });
    }

    @Test
    void aWatchThatAsksForTheForestGetsItsAlertsFromTheStreamAndOneThatDoesNotGetsNone() {
        Map<String, Sensitivity> seasonalOff = Map.of(VolumeSpikeDetector.NAME, Sensitivity.OFF,
                VolumeDropDetector.NAME, Sensitivity.OFF, SlowClimbDetector.NAME, Sensitivity.OFF,
                SilenceDetector.NAME, Sensitivity.OFF, AnomalyLikelihoodDetector.NAME, Sensitivity.OFF);
        Map<String, Sensitivity> forest = new HashMap<>(seasonalOff);
        forest.put(RandomCutForestDetector.NAME, Sensitivity.MEDIUM);
        Instant now = NOW.truncatedTo(ChronoUnit.HOURS);
        start(WindowResolutions.of(QUARTER), now);
        define(watch("acme", null, new WatchAlerting(null, forest, List.of(), List.of(), null)));
        define(watch("globex", null, new WatchAlerting(null, seasonalOff, List.of(), List.of(), null)));
        Instant thinWindow = now.minus(QUARTER.multipliedBy(2));
        for (String watch : List.of("acme", "globex")) {
            int index = 0;
            for (Instant window = thinWindow.minus(Duration.ofDays(1)); window.isBefore(thinWindow);
                 window = window.plus(QUARTER), index++) {
                int perWindow = 18 + index % 5;
                for (int i = 0; i < perWindow; i++) {
                    Instant at = window.plusSeconds(i * 40L + 1);
                    send(watch, at, watch + "-" + at.getEpochSecond());
                }
            }
            send(watch, thinWindow.plusSeconds(60), watch + "-thin-1");
            send(watch, thinWindow.plusSeconds(120), watch + "-thin-2");
            send(watch, thinWindow.plus(QUARTER).plusSeconds(30), watch + "-next-1");
        }

        assertThat(alerts.readValuesToList()).singleElement().satisfies(alert -> {
            assertThat(alert.watchId()).isEqualTo("acme");
            assertThat(alert.detector()).isEqualTo(RandomCutForestDetector.NAME);
            assertThat(alert.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.windowStart()).isEqualTo(thinWindow);
            assertThat(alert.observed()).isEqualTo(2);
            assertThat(alert.summary()).contains("Random Cut Forest");
        });
    }

    @Test
    void aBacklogWindowThatLooksThinWhenTheNextBeginsIsNoDrop() {
        // Caught up on hours later, the input partitions go at their own pace: when the next window's first mention
        // arrives, the rest of this one's may still be on the way, so only its volume is judged, not its absences.
        Instant now = NOW.truncatedTo(ChronoUnit.HOURS);
        start(WindowResolutions.of(QUARTER), now);
        Instant dropWindow = now.minus(Duration.ofHours(3));
        aDayOfTwentyPerWindowThenTwoIn(dropWindow);
        send("acme", dropWindow.plus(QUARTER).plusSeconds(30), "next-1");

        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    void aWatchThatGetsNothingAnyMoreRaisesSilenceFromTheWallClockAndSaysHowItsSourcesDo() {
        Instant now = NOW.truncatedTo(ChronoUnit.HOURS);
        start(WindowResolutions.of(QUARTER), now);
        define(watch("acme", null, null));
        steady("acme", now.minus(Duration.ofDays(1)), now, 8);
        sources.apply(new SourcePolled(SourcePolled.SCHEMA_VERSION, "rss:acme-news", "rss", List.of("acme"), 0, 0,
                null, "ok", null, now.plus(Duration.ofMinutes(20)), 120));
        assertThat(alerts.readValuesToList()).isEmpty();

        for (int minute = 0; minute < 20; minute++) {
            driver.advanceWallClockTime(Duration.ofMinutes(1));
        }
        assertThat(alerts.readValuesToList()).as("one empty window where 8 are usual can be chance").isEmpty();
        for (int minute = 0; minute < 15; minute++) {
            driver.advanceWallClockTime(Duration.ofMinutes(1));
        }

        assertThat(alerts.readValuesToList()).singleElement().satisfies(alert -> {
            assertThat(alert.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(alert.detector() + " " + alert.summary()).contains(SilenceDetector.NAME, "(30 min)");
            assertThat(alert.windowStart()).isEqualTo(now.plus(QUARTER));
            assertThat(alert.observed()).isZero();
            assertThat(alert.summary()).contains("rss:acme-news polled ok", "0 items");
        });
        for (int minute = 0; minute < 15; minute++) {
            driver.advanceWallClockTime(Duration.ofMinutes(1));
        }
        assertThat(alerts.readValuesToList()).as("the same episode pages once").isEmpty();
    }

    @Test
    void aMentionOfTwoWatchesCountsForBothAndALateMentionForAnOldWindowIsIgnored() {
        start(WindowResolutions.of(QUARTER), NOW);
        Instant replayStart = NOW;
        List<DemoDataset.Line> lines = DemoDataset.lines();
        // Three days are enough history to be past the warm-up.
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

    private void replayLastDaysAndCrisis(Instant replayStart, int days) {
        long from = Duration.ofDays(days).toSeconds();
        DemoDataset.lines().stream().filter(line -> line.offsetSeconds() > -from).forEach(line -> pipe(line, replayStart));
    }

    /** A day of 20 mentions per 15-min window before {@code thinWindow}, then two mentions in it. */
    private void aDayOfTwentyPerWindowThenTwoIn(Instant thinWindow) {
        steady("acme", thinWindow.minus(Duration.ofDays(1)), thinWindow, 20);
        send("acme", thinWindow.plusSeconds(60), "drop-1");
        send("acme", thinWindow.plusSeconds(120), "drop-2");
    }

    /** {@code perWindow} neutral mentions of distinct stories in every 15-min window of [from, to). */
    private void steady(String watch, Instant from, Instant to, int perWindow) {
        long step = QUARTER.toSeconds() / perWindow;
        for (Instant window = from; window.isBefore(to); window = window.plus(QUARTER)) {
            for (int i = 0; i < perWindow; i++) {
                Instant at = window.plusSeconds(i * step + 1);
                send(watch, at, watch + "-" + at.getEpochSecond());
            }
        }
    }

    private void send(String watch, Instant publishedAt, String id) {
        MentionIngested mention = new MentionIngested(MentionIngested.SCHEMA_VERSION, id, List.of(watch),
                new MentionSource("rss", "acme-news"), "https://news.example/" + id, null, "Story " + id,
                "An ordinary story " + id, "en", publishedAt, publishedAt, null, null);
        mentions.pipeInput(id, new MentionScored(MentionScored.SCHEMA_VERSION, mention, "en", 0.99,
                new Sentiment(SentimentLabel.NEUTRAL, 0.0, 0.9, "test"), publishedAt), publishedAt);
    }

    private void define(WatchDefinition watch) {
        watches.apply(watch.id(), JSON.writeValueAsString(new WatchChanged(WatchChanged.SCHEMA_VERSION, watch.id(),
                watch, Instant.now(), "test")));
    }

    private static WatchDefinition watch(String id, String zone, WatchAlerting alerting) {
        return new WatchDefinition(id, id, id, List.of(), zone, false, null, List.of(), alerting);
    }

    private void pipe(DemoDataset.Line line, Instant replayStart) {
        MentionScored scored = line.scored(replayStart);
        mentions.pipeInput(scored.mention().id(), scored, replayStart.plusSeconds(Math.max(line.offsetSeconds(), 0)));
    }
}
