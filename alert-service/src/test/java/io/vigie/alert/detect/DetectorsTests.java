package io.vigie.alert.detect;

import io.vigie.alert.config.AlertProperties;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Sensitivity;
import io.vigie.contracts.Severity;
import io.vigie.contracts.WatchAlerting;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.vigie.testsupport.SyntheticCounts.poisson;
import static org.assertj.core.api.Assertions.assertThat;

/** Each detector, and the incident policy, on synthetic series of 15-min windows. */
class DetectorsTests {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final DetectionProperties SETTINGS = DetectionProperties.defaults();
    private static final WatchProfile UTC = WatchProfile.defaults(ZoneOffset.UTC);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aVolumeSpikeFiresFarAboveTheUsualNumberOfStoriesAndNotOnOrdinaryNoise() {
        WindowHistory history = noisy(7 * 96, 5, 2, new Random(1));
        VolumeSpikeDetector spike = new VolumeSpikeDetector(SETTINGS);

        assertThat(spike.evaluate(volume(7 * 96, 40), history, UTC, Sensitivity.MEDIUM))
                .hasValueSatisfying(detection -> assertThat(detection.summary()).contains("spiked"));
        assertThat(spike.evaluate(volume(7 * 96, 9), history, UTC, Sensitivity.MEDIUM)).isEmpty();
    }

    @Test
    void aSpikeOrADropIsPagedOnlyWhenNoWindowOfTheHistoryWasFurtherFromItsHour() {
        // A week of a noisy gauge (no count floors: about 100, spread 3) that once jumped to 300 at 10:15 and once fell
        // to 0 at 20:15: a later 160 at 3:15 or 60 at 15:15 is far beyond the noise and beyond every window of its
        // own hour, yet not as far out as those two, so it is the noise's heavy tail, not news; 500 or -100 is.
        WatchProfile gauge = new WatchProfile(ZoneOffset.UTC, null, Map.of(), List.of(), false);
        Random random = new Random(11);
        List<WindowStats> windows = new ArrayList<>();
        for (int i = 0; i < 7 * 96; i++) {
            windows.add(volume(i, 100 + 3 * random.nextGaussian()));
        }
        int bigSpike = 2 * 96 + 41;
        int bigDrop = 3 * 96 + 81;
        windows.set(bigSpike, volume(bigSpike, 300));
        windows.set(bigDrop, volume(bigDrop, 0));
        WindowHistory history = new WindowHistory(windows);
        VolumeSpikeDetector spike = new VolumeSpikeDetector(SETTINGS);
        VolumeDropDetector drop = new VolumeDropDetector(SETTINGS);
        int spikeHour = 7 * 96 + 13;
        int dropHour = 7 * 96 + 61;

        assertThat(spike.evaluate(volume(spikeHour, 160), history, gauge, Sensitivity.MEDIUM)).isEmpty();
        assertThat(spike.evaluate(volume(spikeHour, 500), history, gauge, Sensitivity.MEDIUM)).isPresent();
        assertThat(drop.evaluate(volume(dropHour, 60), history, gauge, Sensitivity.MEDIUM)).isEmpty();
        assertThat(drop.evaluate(volume(dropHour, -100), history, gauge, Sensitivity.MEDIUM)).isPresent();
        // Without the earlier extremes, the same 160 and 60 are paged.
        windows.set(bigSpike, volume(bigSpike, 100));
        windows.set(bigDrop, volume(bigDrop, 100));
        WindowHistory calm = new WindowHistory(windows);
        assertThat(spike.evaluate(volume(spikeHour, 160), calm, gauge, Sensitivity.MEDIUM)).isPresent();
        assertThat(drop.evaluate(volume(dropHour, 60), calm, gauge, Sensitivity.MEDIUM)).isPresent();
    }

    @Test
    void syndicatedCopiesOfOneStoryAreNotASpike() {
        WindowHistory history = noisy(7 * 96, 5, 2, new Random(2));
        WindowStats fortyCopies = stats(7 * 96, 40, 0, 2, 0, 0, Map.of());

        assertThat(new VolumeSpikeDetector(SETTINGS).evaluate(fortyCopies, history, UTC, Sensitivity.MEDIUM)).isEmpty();
    }

    @Test
    void aDropIsJudgedOnlyOnceTheWindowIsOver() {
        WindowHistory history = noisy(7 * 96, 30, 2, new Random(3));
        WindowStats quiet = volume(7 * 96, 5);

        assertThat(new VolumeDropDetector(SETTINGS).evaluate(quiet, history, UTC, Sensitivity.MEDIUM)).isPresent();
        AlertEngine engine = engine(new VolumeDropDetector(SETTINGS));
        assertThat(engine.evaluate(quiet, history, AlertMemory.empty(), UTC, false).alert()).isEmpty();
        assertThat(engine.evaluate(quiet, history, AlertMemory.empty(), UTC, true).alert()).isPresent();
    }

    @Test
    void aSilenceFiresOnceNoMentionCameWhileAboutFourteenWereExpectedAndNamesTheSilentSource() {
        List<WindowStats> windows = new ArrayList<>();
        for (int i = 0; i < 3 * 96; i++) {
            windows.add(stats(i, 10, 0, 10, 0, 0, Map.of("reddit", 6L, "rss", 4L)));
        }
        WindowHistory history = new WindowHistory(windows);
        SilenceDetector silence = new SilenceDetector(SETTINGS);
        int next = 3 * 96;

        // One empty window where ten are usual: e^-10, a chance that a busy watch meets every few days.
        assertThat(silence.evaluate(WindowStats.empty("w", at(next), at(next + 1)), history, UTC, Sensitivity.MEDIUM))
                .isEmpty();
        assertThat(silence.evaluate(WindowStats.empty("w", at(next + 1), at(next + 2)), history, UTC,
                Sensitivity.MEDIUM)).hasValueSatisfying(d -> {
                    assertThat(d.summary()).contains("no mention of 'w' since 2026-03-05 00:00 Z (30 min)",
                            "about 20 were expected");
                    assertThat(d.expected()).isEqualTo(20);
                });
        assertThat(silence.evaluate(WindowStats.empty("w", at(next + 1), at(next + 2)), history, UTC,
                Sensitivity.HIGH)).isPresent();
        assertThat(silence.evaluate(WindowStats.empty("w", at(next + 1), at(next + 2)), history, UTC,
                Sensitivity.LOW)).as("e^-20 is not below low's 1e-8").isPresent();

        // reddit usually brings 6 a window: silent for two windows (12 expected) is not yet improbable, for three is.
        List<WindowStats> withoutReddit = new ArrayList<>(windows);
        withoutReddit.add(stats(next, 4, 0, 4, 0, 0, Map.of("rss", 4L)));
        WindowHistory redditQuiet = new WindowHistory(withoutReddit);
        assertThat(silence.evaluate(stats(next + 1, 4, 0, 4, 0, 0, Map.of("rss", 4L)), redditQuiet, UTC,
                Sensitivity.MEDIUM)).isEmpty();
        withoutReddit.add(stats(next + 1, 4, 0, 4, 0, 0, Map.of("rss", 4L)));
        assertThat(silence.evaluate(stats(next + 2, 4, 0, 4, 0, 0, Map.of("rss", 4L)),
                new WindowHistory(withoutReddit), UTC, Sensitivity.MEDIUM))
                .hasValueSatisfying(d -> assertThat(d.summary()).contains("source 'reddit'", "(45 min)"));
        assertThat(silence.evaluate(stats(next, 10, 0, 10, 0, 0, Map.of("reddit", 5L, "rss", 5L)), history, UTC,
                Sensitivity.MEDIUM)).isEmpty();
    }

    @Test
    void aSilenceDoesNotPageOnTheChanceEmptyWindowsOfARhythmicWatchNorInItsQuietHours() {
        // Four weeks of 15-min windows, busy by day (about 5 a window), nearly empty at night, with Poisson noise:
        // one empty window by day happens every few days (e^-5), a run of three almost never.
        Random random = new Random(11);
        List<WindowStats> windows = new ArrayList<>();
        int pages = 0;
        SilenceDetector silence = new SilenceDetector(SETTINGS);
        int nine = 28 * 96 + 9 * 4;
        for (int i = 0; i < nine; i++) {
            int hour = (i % 96) / 4;
            double rate = hour >= 8 && hour < 20 ? 5 : 0.3;
            int count = poisson(rate, random);
            WindowStats window = count == 0 ? WindowStats.empty("w", at(i), at(i + 1)) : volume(i, count);
            if (i >= SETTINGS.warmUpWindows() && silence.evaluate(window, new WindowHistory(windows), UTC,
                    Sensitivity.MEDIUM).isPresent()) {
                pages++;
            }
            if (count > 0) {
                windows.add(window);
            }
        }
        assertThat(pages).isZero();

        // The same watch with its source down from 9:00: paged within the hour (about 15 expected), not at once.
        if (windows.get(windows.size() - 1).windowStart().isBefore(at(nine - 1))) {
            windows.add(volume(nine - 1, 1));
        }
        WindowHistory history = new WindowHistory(windows);
        assertThat(silence.evaluate(WindowStats.empty("w", at(nine), at(nine + 1)), history, UTC, Sensitivity.MEDIUM))
                .isEmpty();
        assertThat(silence.evaluate(WindowStats.empty("w", at(nine + 3), at(nine + 4)), history, UTC,
                Sensitivity.MEDIUM)).isPresent();
    }

    @Test
    void aSourceThatDeliversInBatchesIsNotSilentBetweenThemButIsOnceABatchIsLate() {
        // An RSS feed polled every four hours: twenty items in one 15-min window, then fifteen empty windows.
        List<WindowStats> windows = new ArrayList<>();
        SilenceDetector silence = new SilenceDetector(SETTINGS);
        int pages = 0;
        int days = 7;
        for (int i = 0; i < days * 96; i++) {
            WindowStats window = i % 16 == 0 ? stats(i, 20, 0, 20, 0, 0, Map.of("rss", 20L))
                    : WindowStats.empty("w", at(i), at(i + 1));
            if (i >= SETTINGS.warmUpWindows() && silence.evaluate(window, new WindowHistory(windows), UTC,
                    Sensitivity.MEDIUM).isPresent()) {
                pages++;
            }
            if (window.volume() > 0) {
                windows.add(window);
            }
        }
        assertThat(pages).as("a mean rate of 5 an hour would call every gap silent").isZero();

        // In hourly windows the feed is regular: the hour of a batch always has twenty, so one missed batch is news.
        List<WindowStats> hours = new ArrayList<>();
        int hourlyDays = 10;
        for (int hour = 0; hour < hourlyDays * 24; hour += 4) {
            Instant start = T0.plus(Duration.ofHours(hour));
            hours.add(new WindowStats("w", start, start.plus(Duration.ofHours(1)), 20, 20, 0, 0, List.of("m-" + hour),
                    20, 0, 0, 0, Map.of("rss", 20L), Map.of(), List.of()));
        }
        Instant missedBatch = T0.plus(Duration.ofHours(hourlyDays * 24));
        Instant between = missedBatch.minus(Duration.ofHours(1));
        WindowHistory hourly = new WindowHistory(hours);
        assertThat(silence.evaluate(WindowStats.empty("w", between, missedBatch), hourly, UTC, Sensitivity.MEDIUM))
                .isEmpty();
        assertThat(silence.evaluate(WindowStats.empty("w", missedBatch, missedBatch.plus(Duration.ofHours(1))),
                hourly, UTC, Sensitivity.MEDIUM)).hasValueSatisfying(d -> assertThat(d.summary())
                .contains("no mention of 'w' since 2026-03-11 21:00 Z (240 min)", "about 20 were expected"));
    }

    @Test
    void aSourceWhoseMentionsComeInSpellsIsNotSilentInAnOrdinaryLullButIsWhenItStopsForADay() {
        // Two weeks of a source that talks in spells: about two hours of some 3 mentions a window, then about two
        // hours of nothing (each 15-min window ends a spell with chance 1/8), around the clock. Half its windows are
        // empty, and an empty one is mostly followed by another: judged as if windows were independent, a lull of
        // six hours ((0.53)^24 < 1e-6) looks like a source down, and such lulls come every few days.
        Random random = new Random(21);
        List<WindowStats> windows = new ArrayList<>();
        SilenceDetector silence = new SilenceDetector(SETTINGS);
        int pages = 0;
        boolean talking = true;
        int twoWeeks = 14 * 96;
        for (int i = 0; i < twoWeeks; i++) {
            if (random.nextDouble() < 1.0 / 8) {
                talking = !talking;
            }
            int count = talking ? poisson(3, random) : 0;
            WindowStats window = count == 0 ? WindowStats.empty("w", at(i), at(i + 1)) : volume(i, count);
            if (i >= 7 * 96 && silence.evaluate(window, new WindowHistory(windows), UTC, Sensitivity.MEDIUM)
                    .isPresent()) {
                pages++;
            }
            if (count > 0) {
                windows.add(window);
            }
        }
        assertThat(pages).as("lulls paged in the second week").isZero();

        // The source stops for good: still paged, later than for a steady source (within a day and a half).
        if (!windows.get(windows.size() - 1).windowStart().equals(at(twoWeeks - 1))) {
            windows.add(volume(twoWeeks - 1, 3));
        }
        WindowHistory history = new WindowHistory(windows);
        assertThat(silence.evaluate(WindowStats.empty("w", at(twoWeeks + 24), at(twoWeeks + 25)), history, UTC,
                Sensitivity.MEDIUM)).isEmpty();
        assertThat(silence.evaluate(WindowStats.empty("w", at(twoWeeks + 95), at(twoWeeks + 96)), history, UTC,
                Sensitivity.MEDIUM)).isPresent();
    }

    @Test
    void aSlowClimbThatNeverSpikesIsCaughtByTheDriftDetectorAlone() {
        Random random = new Random(4);
        List<WindowStats> windows = new ArrayList<>();
        for (int i = 0; i < 4 * 96; i++) {
            windows.add(volume(i, 10 + random.nextInt(3) - 1));
        }
        for (int i = 0; i < SlowClimbDetector.SPAN; i++) {
            windows.add(volume(4 * 96 + i, 13 + random.nextInt(2)));
        }
        WindowHistory history = new WindowHistory(windows);
        WindowStats current = volume(windows.size(), 14);

        assertThat(new SlowClimbDetector(SETTINGS).evaluate(current, history, UTC, Sensitivity.MEDIUM))
                .hasValueSatisfying(detection -> assertThat(detection.summary()).contains("Slow climb"));
        assertThat(new VolumeSpikeDetector(SETTINGS).evaluate(current, history, UTC, Sensitivity.MEDIUM)).isEmpty();
    }

    @Test
    void anOrdinaryWeekendIsNotADropInHourlyWindowsThoughTwoWeeksHoldTooFewOfEachWeekday() {
        // Three weeks of hourly windows: about 200 mentions an hour on working days, 60 at weekends.
        List<WindowStats> windows = new ArrayList<>();
        for (int hour = 0; hour < 3 * 7 * 24; hour++) {
            Instant start = T0.plus(Duration.ofHours(hour));
            boolean weekend = (hour / 24) % 7 >= 5;
            windows.add(hourly(start, (weekend ? 60 : 200) + hour % 5 - 2));
        }
        WindowHistory history = new WindowHistory(windows);
        VolumeDropDetector drop = new VolumeDropDetector(SETTINGS);
        Instant saturday = Instant.parse("2026-03-21T14:00:00Z");

        // 55 is a quiet Saturday afternoon, the lowest yet, but no drop for a weekend.
        assertThat(drop.evaluate(hourly(saturday, 55), history, UTC, Sensitivity.MEDIUM)).isEmpty();
        assertThat(drop.evaluate(hourly(saturday, 5), history, UTC, Sensitivity.MEDIUM)).hasValueSatisfying(
                detection -> assertThat(detection.summary()).contains("usually 60 at this hour on weekends"));
        // A gauge keeps the baseline of the same hour on any day (the kind of day cost NAB points on machine metrics).
        WatchProfile gauge = new WatchProfile(ZoneOffset.UTC, null, Map.of(), List.of(), false);
        assertThat(drop.evaluate(hourly(saturday, 55), history, gauge, Sensitivity.MEDIUM)).isPresent();
    }

    @Test
    void aWatchsFirstWeekendIsNotADropThoughItsWorkingDaysWereBusierAndALaterWeekendDropIsStillCaught() {
        // 15-min windows from Monday 2026-03-02: about 600 mentions a window on working days, 300 at weekends. Until
        // two weeks hold enough of one weekday's hour, a weekend window is judged against the same hour of every day,
        // which until the first weekend were all working days.
        Random random = new Random(5);
        List<WindowStats> windows = new ArrayList<>();
        for (int i = 0; i < 5 * 96; i++) {
            windows.add(volume(i, poisson(600, random)));
        }
        VolumeDropDetector drop = new VolumeDropDetector(SETTINGS);
        int firstSaturdayTen = 5 * 96 + 40;

        // A quiet Saturday morning is the watch's first weekend, not a broken source.
        assertThat(drop.evaluate(volume(firstSaturdayTen, 250), new WindowHistory(windows), UTC, Sensitivity.MEDIUM))
                .isEmpty();
        // A working day that goes quiet in the first week is still a drop.
        assertThat(drop.evaluate(volume(4 * 96 + 40, 20), new WindowHistory(windows.subList(0, 4 * 96)), UTC,
                Sensitivity.MEDIUM)).isPresent();

        for (int i = 5 * 96; i < 12 * 96; i++) {
            boolean weekend = (i / 96) % 7 >= 5;
            windows.add(volume(i, poisson(weekend ? 300 : 600, random)));
        }
        WindowHistory twelveDays = new WindowHistory(windows);
        int secondSaturdayTen = 12 * 96 + 40;
        // Once a weekend has been seen, an ordinary weekend window is no drop, and a weekend that goes quiet is.
        assertThat(drop.evaluate(volume(secondSaturdayTen, 260), twelveDays, UTC, Sensitivity.MEDIUM)).isEmpty();
        assertThat(drop.evaluate(volume(secondSaturdayTen, 5), twelveDays, UTC, Sensitivity.MEDIUM)).isPresent();
    }

    @Test
    void aMondayMorningPeakIsNotAnAnomalyAfterWeeksOfMondayPeaksEvenAcrossTheDstChange() {
        // Three weeks of Paris time before the switch to summer time (2026-03-29); every Monday 9-10 is busy.
        LocalDateTime firstDay = LocalDateTime.parse("2026-03-09T00:00");
        List<WindowStats> windows = new ArrayList<>();
        for (int i = 0; i < 3 * 7 * 96; i++) {
            LocalDateTime local = firstDay.plus(WINDOW.multipliedBy(i));
            boolean mondayMorning = local.getDayOfWeek().getValue() == 1 && local.getHour() == 9;
            windows.add(parisWindow(local, mondayMorning ? 40 : 5));
        }
        WindowHistory history = new WindowHistory(windows);
        WatchProfile paris = WatchProfile.defaults(PARIS);
        VolumeSpikeDetector spike = new VolumeSpikeDetector(SETTINGS);

        // Monday 2026-03-30 9:15 Paris is 07:15 UTC (summer time); the earlier Mondays' 9:15 were 08:15 UTC.
        WindowStats monday = parisWindow(LocalDateTime.parse("2026-03-30T09:15"), 40);
        WindowStats tuesday = parisWindow(LocalDateTime.parse("2026-03-31T09:15"), 40);
        assertThat(monday.windowStart()).isEqualTo(Instant.parse("2026-03-30T07:15:00Z"));
        assertThat(spike.evaluate(monday, history, paris, Sensitivity.MEDIUM)).isEmpty();
        assertThat(spike.evaluate(tuesday, history, paris, Sensitivity.MEDIUM))
                .hasValueSatisfying(detection -> assertThat(detection.summary()).contains("at this hour on this weekday"));
        // Compared by UTC hour, the same Monday would look like a spike.
        assertThat(spike.evaluate(monday, history, UTC, Sensitivity.MEDIUM)).isPresent();
    }

    @Test
    void theDetectorsAreTheOnesAWatchMayNameInItsOverrides() {
        assertThat(Detectors.all(new AlertProperties.NegativeSurge(48, 6, 0.4, 4), SETTINGS))
                .extracting(Detector::name).as("what ingest accepts in alerting.detectors")
                .containsExactlyElementsOf(WatchAlerting.DETECTORS);
    }

    @Test
    void noDetectorFiresBeforeTheWarmUpIsOver() {
        List<WindowStats> windows = new ArrayList<>();
        for (int i = 0; i < SETTINGS.warmUpWindows() - 1; i++) {
            windows.add(volume(i, 5));
        }
        WindowStats burst = stats(windows.size(), 60, 50, 60, 5_000_000, 40, Map.of());
        List<Detector> all = Detectors.all(new AlertProperties.NegativeSurge(48, 6, 0.4, 4), SETTINGS);

        assertThat(all).allSatisfy(detector -> assertThat(
                detector.evaluate(burst, new WindowHistory(windows), UTC, Sensitivity.HIGH)).isEmpty());
        windows.add(volume(windows.size(), 5));
        assertThat(new VolumeSpikeDetector(SETTINGS).evaluate(burst, new WindowHistory(windows), UTC,
                Sensitivity.MEDIUM)).isPresent();
    }

    @Test
    void oneNegativeMentionFromAFarWiderAudienceThanUsualFires() {
        List<WindowStats> windows = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            windows.add(stats(i, 5, 1, 5, 40_000, 0, Map.of()));
        }
        WindowHistory history = new WindowHistory(windows);
        HighReachNegativeDetector highReach = new HighReachNegativeDetector(SETTINGS);

        assertThat(highReach.evaluate(stats(96, 5, 1, 5, 500_000, 0, Map.of()), history, UTC, Sensitivity.MEDIUM))
                .hasValueSatisfying(detection -> assertThat(detection.observed()).isEqualTo(500_000));
        assertThat(highReach.evaluate(stats(96, 5, 1, 5, 60_000, 0, Map.of()), history, UTC, Sensitivity.MEDIUM))
                .isEmpty();
        assertThat(highReach.evaluate(stats(96, 5, 1, 5, 60_000, 0, Map.of()), history, UTC, Sensitivity.HIGH))
                .isPresent();
    }

    @Test
    void crisisVocabularyIsMatchedInFrenchAndEnglishOnWholeWordsWithTheWatchsOwnTerms() {
        CrisisVocabulary vocabulary = new CrisisVocabulary(SETTINGS.crisisTerms());

        assertThat(vocabulary.hits("Appel au BOYCOTT : c'est un Scandale !", List.of())).isEqualTo(2);
        assertThat(vocabulary.hits("Fuite de donnees chez Nuvelia, une action de groupe se prépare", List.of()))
                .isEqualTo(2);
        assertThat(vocabulary.hits("Massive data breach at Nuvelia", List.of())).isEqualTo(1);
        assertThat(vocabulary.hits("The CEO recalled his first job", List.of())).isZero();
        assertThat(vocabulary.hits("Accusé de greenwashing", List.of("greenwashing"))).isEqualTo(1);
    }

    @Test
    void severalMentionsWithCrisisTermsInAWindowFireButOneDoesNot() {
        List<WindowStats> windows = new ArrayList<>();
        for (int i = 0; i < 96; i++) {
            windows.add(stats(i, 8, 1, 8, 0, i % 40 == 0 ? 1 : 0, Map.of()));
        }
        WindowHistory history = new WindowHistory(windows);
        CrisisTermsDetector crisis = new CrisisTermsDetector(SETTINGS);

        assertThat(crisis.evaluate(stats(96, 10, 3, 10, 0, 5, Map.of()), history, UTC, Sensitivity.MEDIUM)).isPresent();
        assertThat(crisis.evaluate(stats(96, 10, 3, 10, 0, 1, Map.of()), history, UTC, Sensitivity.MEDIUM)).isEmpty();
        assertThat(crisis.evaluate(stats(96, 10, 3, 10, 0, 5, Map.of()), history,
                new WatchProfile(ZoneOffset.UTC, null, Map.of("crisis-terms", Sensitivity.OFF), List.of(), true),
                Sensitivity.LOW)).isEmpty();
    }

    @Test
    void aBurstIsOneIncidentThatEscalatesUnderOneIdThenResolves() {
        AlertEngine engine = new AlertEngine(Detectors.all(new AlertProperties.NegativeSurge(48, 6, 0.4, 4), SETTINGS),
                SETTINGS, Clock.fixed(T0, ZoneOffset.UTC));
        List<WindowStats> windows = new ArrayList<>();
        Random random = new Random(6);
        for (int i = 0; i < 3 * 96; i++) {
            windows.add(stats(i, 3 + random.nextInt(3), random.nextInt(2), 4, 1_000, 0, Map.of()));
        }
        AlertMemory memory = AlertMemory.empty();
        List<AlertRaised> events = new ArrayList<>();
        // Three windows of crisis, each filling up mention by mention, then a calm afternoon (the anomaly likelihood
        // looks at the last ten windows, so the incident resolves twelve windows after those have calmed down).
        int[] negatives = {12, 30, 60};
        for (int window = 0; window < 3 + 30; window++) {
            int index = windows.size();
            int total = window < 3 ? negatives[window] : 4;
            WindowStats current = null;
            for (int seen = 1; seen <= total; seen++) {
                current = stats(index, seen, window < 3 ? seen : 0, seen, 1_000, window < 3 ? seen / 3 : 0, Map.of());
                AlertEngine.Evaluation evaluation = engine.evaluate(current, new WindowHistory(windows), memory,
                        UTC, false);
                memory = evaluation.memory();
                evaluation.alert().ifPresent(events::add);
            }
            windows.add(current);
        }

        assertThat(events).extracting(AlertRaised::id).containsOnly(events.get(0).id());
        assertThat(events.get(0).status()).isEqualTo(AlertStatus.OPEN);
        assertThat(events.get(0).id()).isEqualTo("w:negative-surge:" + at(3 * 96));
        assertThat(events).extracting(AlertRaised::episodeStart).containsOnly(at(3 * 96));
        assertThat(events.subList(1, events.size() - 1)).extracting(AlertRaised::status)
                .containsOnly(AlertStatus.ESCALATED);
        assertThat(events.get(events.size() - 2).severity()).isEqualTo(Severity.HIGH);
        assertThat(events.get(events.size() - 1).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(events).allSatisfy(event -> assertThat(event.anomalyScore()).isBetween(0.0, 1.0));
    }

    private static AlertEngine engine(Detector detector) {
        return new AlertEngine(List.of(detector), SETTINGS, Clock.fixed(T0, ZoneOffset.UTC));
    }

    private static Instant at(int index) {
        return T0.plus(WINDOW.multipliedBy(index));
    }

    private static WindowStats volume(int index, double volume) {
        return new WindowStats("w", at(index), at(index + 1), volume, 0, 0, 0, List.of());
    }

    private static WindowStats hourly(Instant start, double volume) {
        return new WindowStats("w", start, start.plus(Duration.ofHours(1)), volume, 0, 0, 0, List.of());
    }

    private static WindowStats parisWindow(LocalDateTime local, double volume) {
        Instant start = local.atZone(PARIS).toInstant();
        return new WindowStats("w", start, start.plus(WINDOW), volume, 0, 0, 0, List.of());
    }

    /** A window with {@code volume} rated mentions of which {@code negatives} negative (score -0.6 each). */
    private static WindowStats stats(int index, double volume, long negatives, long stories, long maxNegativeReach,
                                     long crisisHits, Map<String, Long> bySource) {
        return new WindowStats("w", at(index), at(index + 1), volume, (long) volume, negatives, -0.6 * negatives,
                List.of("m-" + index), stories, 0, maxNegativeReach, crisisHits, bySource, Map.of(), List.of());
    }

    private static WindowHistory noisy(int windows, int mean, int spread, Random random) {
        List<WindowStats> list = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            list.add(volume(i, Math.max(0, mean + random.nextInt(2 * spread + 1) - spread)));
        }
        return new WindowHistory(list);
    }
}
