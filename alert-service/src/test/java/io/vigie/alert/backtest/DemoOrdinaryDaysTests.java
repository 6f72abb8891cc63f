package io.vigie.alert.backtest;

import io.vigie.alert.DemoDataset;
import io.vigie.alert.detect.CrisisVocabulary;
import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.WatchProfile;
import io.vigie.alert.window.MentionSignal;
import io.vigie.alert.window.MentionTally;
import io.vigie.alert.window.WindowStats;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.MentionScored;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's two ordinary weeks must page nobody whatever the time of day the demo is started at: its replay is
 * relative to the start, so its daily rhythm lands on a different local hour every time (a slow climb was once
 * raised on its first morning when started at 15:14 UTC). The engine alone, every hour and a few odd minutes of a
 * day, in UTC and in Paris; AlertTopologyTests runs the same days through the real topology at the current time.
 */
class DemoOrdinaryDaysTests {

    private static final Instant DAY = Instant.parse("2026-11-26T00:00:00Z");
    private static final CrisisVocabulary VOCABULARY =
            new CrisisVocabulary(DetectionProperties.defaults().crisisTerms());

    static Stream<Arguments> starts() {
        return Stream.of("UTC", "Europe/Paris").flatMap(zone -> IntStream.range(0, 24 * 4)
                .mapToObj(quarter -> Arguments.of(DAY.plus(Duration.ofMinutes(15L * quarter + quarter % 7)),
                        ZoneId.of(zone))));
    }

    @ParameterizedTest(name = "started at {0}, watch in {1}")
    @MethodSource("starts")
    void theOrdinaryDaysRaiseNothing(Instant replayStart, ZoneId zone) throws IOException {
        for (Duration length : List.of(Duration.ofMinutes(15), Duration.ofHours(1))) {
            List<WindowStats> windows = ordinaryWindows(replayStart, length);
            WindowSource source = (watchId, from, to, size) -> windows;
            List<AlertRaised> events = new WatchReplay(DetectionProperties.defaults(), Duration.ofDays(14),
                    WatchProfile.defaults(zone)).run(source, DemoDataset.WATCH, windows.get(0).windowStart(),
                    replayStart, length);
            assertThat(events).as("%s windows", length).isEmpty();
        }
    }

    private static List<WindowStats> ordinaryWindows(Instant replayStart, Duration length) {
        Map<Instant, MentionTally> tallies = new TreeMap<>();
        for (DemoDataset.Line line : DemoDataset.lines()) {
            if (line.crisis()) {
                continue;
            }
            MentionScored scored = line.scored(replayStart);
            String text = scored.mention().title() + "\n" + scored.mention().text();
            long millis = scored.mention().publishedAt().toEpochMilli();
            Instant start = Instant.ofEpochMilli(millis - Math.floorMod(millis, length.toMillis()));
            MentionSignal signal = MentionSignal.of(scored, VOCABULARY.hits(text, List.of()));
            tallies.compute(start, (key, tally) -> (tally == null ? MentionTally.EMPTY : tally).add(signal, 5));
        }
        List<WindowStats> windows = new ArrayList<>();
        tallies.forEach((start, tally) -> windows.add(
                WindowStats.of(DemoDataset.WATCH, start, start.plus(length), tally, 5)));
        return windows;
    }
}
