package io.vigie.alert.backtest;

import io.vigie.alert.detect.DetectionProperties;
import io.vigie.alert.detect.RandomCutForestDetector;
import io.vigie.contracts.Sensitivity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The backtest on NAB series vendored in src/test/resources/nab: alerts land in the labelled anomaly windows. */
class BacktestTests {

    private static final Path NAB = Path.of("src/test/resources/nab");

    /**
     * Both series are gauges, which the default judges with the Random Cut Forest alone (ADR 0036): it finds the jump
     * of art_daily_jumpsup with three alerts at ordinary daily peaks outside the window (NAB charges 0.11 each, a
     * missed window 1).
     */
    @ParameterizedTest
    @CsvSource({"ec2_request_latency_system_failure.csv, 1", "art_daily_jumpsup.csv, 3"})
    void everyLabelledWindowIsFoundWithFewAlertsOutsideThem(String series, int mostOutside)
            throws IOException {
        List<SeriesRow> rows = SeriesCsv.read(NAB.resolve(series));
        List<Instant[]> windows = windows(series);

        Backtest.Result result = new Backtest(DetectionProperties.defaults()).run("nab", rows, null);

        // NAB does not score the first 15% of a series: the detectors are still learning it.
        int probation = (int) Math.min(Math.floor(0.15 * rows.size()), 750);
        List<Instant> alerts = new ArrayList<>();
        for (int i = probation; i < rows.size(); i++) {
            if (result.alerts()[i]) {
                alerts.add(rows.get(i).timestamp());
            }
        }
        assertThat(result.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(alerts).isNotEmpty().filteredOn(alert -> windows.stream()
                .noneMatch(window -> !alert.isBefore(window[0]) && !alert.isAfter(window[1])))
                .hasSizeLessThanOrEqualTo(mostOutside);
        assertThat(windows).allSatisfy(window -> assertThat(alerts)
                .anySatisfy(alert -> assertThat(alert).isBetween(window[0], window[1])));
    }

    @Test
    void theDefaultJudgesAGaugeAsTheForestPresetDoes() throws IOException {
        List<SeriesRow> rows = SeriesCsv.read(NAB.resolve("art_daily_jumpsup.csv"));

        Backtest.Result byDefault = new Backtest(DetectionProperties.defaults()).run("nab", rows, null);
        Backtest.Result forest = new Backtest(DetectionProperties.defaults(), Backtest.RETENTION, ZoneOffset.UTC,
                Backtest.forestPreset(Sensitivity.MEDIUM)).run("nab", rows, null);
        Backtest.Result seasonal = new Backtest(DetectionProperties.defaults(), Backtest.RETENTION, ZoneOffset.UTC,
                Map.of(RandomCutForestDetector.NAME, Sensitivity.OFF)).run("nab", rows, null);

        assertThat(byDefault.countData()).isFalse();
        assertThat(byDefault.alerts()).isEqualTo(forest.alerts());
        assertThat(seasonal.alerts()).as("the seasonal detectors, as before ADR 0036").isNotEqualTo(forest.alerts());
    }

    @Test
    void theCommandsForestPresetRunsTheForestOnACountSeriesWhereTheDefaultDoesNot() throws IOException {
        // art_daily_jumpsup in whole numbers: a count series, which the default judges with the seasonal detectors.
        List<String> gauge = Files.readAllLines(NAB.resolve("art_daily_jumpsup.csv"));
        List<String> counts = new ArrayList<>(List.of(gauge.get(0)));
        for (String line : gauge.subList(1, gauge.size())) {
            String[] cells = line.split(",");
            counts.add(cells[0] + "," + Math.round(Double.parseDouble(cells[1])));
        }
        Path input = Files.createTempFile("backtest-counts", ".csv");
        Path forestOutput = Files.createTempFile("backtest-forest", ".csv");
        Path defaultOutput = Files.createTempFile("backtest-default", ".csv");
        try {
            Files.write(input, counts);
            BacktestCommand.main(new String[] {"--input", input.toString(), "--output", forestOutput.toString(),
                    "--preset", "forest"});
            BacktestCommand.main(new String[] {"--input", input.toString(), "--output", defaultOutput.toString()});
            List<SeriesRow> rows = SeriesCsv.read(input);
            Backtest.Result forest = new Backtest(DetectionProperties.defaults(), Backtest.RETENTION, ZoneOffset.UTC,
                    Backtest.forestPreset(Sensitivity.MEDIUM)).run("nab", rows, null);

            assertThat(forest.countData()).isTrue();
            assertThat(alertColumn(forestOutput)).isEqualTo(forest.alerts()).contains(true)
                    .isNotEqualTo(alertColumn(defaultOutput));
        } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(forestOutput);
            Files.deleteIfExists(defaultOutput);
        }
    }

    @Test
    void aValueThatIsNotAFiniteNumberIsRefusedWithItsLine() throws IOException {
        Path input = Files.createTempFile("backtest-nan", ".csv");
        try {
            Files.write(input, List.of("timestamp,value", "2026-03-02 00:00:00,4", "2026-03-02 00:05:00,NaN"));
            assertThatThrownBy(() -> SeriesCsv.read(input)).hasMessageContaining("line 3")
                    .hasMessageContaining("not a finite number");
        } finally {
            Files.deleteIfExists(input);
        }
    }

    private static boolean[] alertColumn(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output);
        boolean[] alerts = new boolean[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            alerts[i - 1] = lines.get(i).endsWith(",1");
        }
        return alerts;
    }

    @Test
    void theMetricPresetFindsTheJumpThroughTheAnomalyLikelihoodDetector() throws IOException {
        List<SeriesRow> rows = SeriesCsv.read(NAB.resolve("art_daily_jumpsup.csv"));
        Instant[] window = windows("art_daily_jumpsup.csv").get(0);

        Backtest.Result result = new Backtest(DetectionProperties.defaults(), Backtest.RETENTION, ZoneOffset.UTC,
                Backtest.metricPreset(Sensitivity.MEDIUM)).run("nab", rows, null);

        List<Instant> alerts = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (result.alerts()[i]) {
                alerts.add(rows.get(i).timestamp());
            }
        }
        assertThat(alerts).anySatisfy(alert -> assertThat(alert).isBetween(window[0], window[1]));
        assertThat(alerts).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void theCommandWritesOneRowPerInputRowWithItsScoreAndAlertColumns() throws IOException {
        Path output = Files.createTempFile("backtest", ".csv");
        try {
            BacktestCommand.main(new String[] {"--input", NAB.resolve("art_daily_jumpsup.csv").toString(),
                    "--output", output.toString(), "--sensitivity", "medium", "--interval", "PT5M"});

            List<String> input = Files.readAllLines(NAB.resolve("art_daily_jumpsup.csv"));
            List<String> lines = Files.readAllLines(output);
            assertThat(lines).hasSameSizeAs(input);
            assertThat(lines.get(0)).isEqualTo("timestamp,value,anomaly_score,alert");
            assertThat(lines.get(1)).startsWith(input.get(1) + ',');
            assertThat(lines.subList(1, lines.size())).allMatch(line -> line.matches(".+,[0-9.]+,(0|1)"));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static List<Instant[]> windows(String series) throws IOException {
        return Files.readAllLines(NAB.resolve("windows.csv")).stream().skip(1)
                .map(line -> line.split(","))
                .filter(cells -> cells[0].equals(series))
                .map(cells -> new Instant[] {SeriesCsv.parseTime(cells[1]), SeriesCsv.parseTime(cells[2])})
                .toList();
    }
}
