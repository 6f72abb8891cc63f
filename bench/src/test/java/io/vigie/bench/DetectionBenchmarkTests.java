package io.vigie.bench;

import io.vigie.alert.detect.AlertEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionBenchmarkTests {

    @ParameterizedTest
    @ValueSource(ints = {20, 2})
    void judgesEachWindowAgainstTwoWeeksOfHistoryAndTheSameWindowTheSameWay(int busyWindow) {
        DetectionBenchmark benchmark = benchmark("none", busyWindow);

        AlertEngine.Evaluation first = benchmark.judgeSameWindowAgain();
        AlertEngine.Evaluation again = benchmark.judgeSameWindowAgain();
        assertThat(again.anomalyScore()).isEqualTo(first.anomalyScore());
        assertThat(again.alert().isPresent()).isEqualTo(first.alert().isPresent());
        for (int i = 0; i < 200; i++) {
            assertThat(benchmark.judgeNextWindow().anomalyScore()).isBetween(0.0, 1.0);
        }
        assertThat(benchmark.historyDays()).isBetween(13.5, 14.0);
    }

    @Test
    void leavesOutTheDetectorsItIsToldTo() {
        assertThat(benchmark("anomaly-likelihood,slow-climb", 20).detectorCount())
                .isEqualTo(benchmark("none", 20).detectorCount() - 2);
    }

    private static DetectionBenchmark benchmark(String without, int busyWindow) {
        DetectionBenchmark benchmark = new DetectionBenchmark();
        benchmark.busyWindow = busyWindow;
        benchmark.without = without;
        benchmark.setUp();
        return benchmark;
    }
}
