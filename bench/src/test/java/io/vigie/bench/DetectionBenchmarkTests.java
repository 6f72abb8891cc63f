package io.vigie.bench;

import io.vigie.alert.detect.AlertEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionBenchmarkTests {

    @Test
    void judgesEachWindowAgainstTwoWeeksOfHistoryAndTheSameWindowTheSameWay() {
        DetectionBenchmark benchmark = benchmark("none");

        AlertEngine.Evaluation first = benchmark.judgeSameWindowAgain();
        AlertEngine.Evaluation again = benchmark.judgeSameWindowAgain();
        assertThat(again.anomalyScore()).isEqualTo(first.anomalyScore());
        assertThat(again.alert().isPresent()).isEqualTo(first.alert().isPresent());
        for (int i = 0; i < 200; i++) {
            assertThat(benchmark.judgeNextWindow().anomalyScore()).isBetween(0.0, 1.0);
        }
        assertThat(benchmark.historyDays()).isBetween(13.0, 16.0);
    }

    @Test
    void leavesOutTheDetectorsItIsToldTo() {
        assertThat(benchmark("anomaly-likelihood,slow-climb").detectorCount())
                .isEqualTo(benchmark("none").detectorCount() - 2);
    }

    private static DetectionBenchmark benchmark(String without) {
        DetectionBenchmark benchmark = new DetectionBenchmark();
        benchmark.busyWindow = 20;
        benchmark.without = without;
        benchmark.setUp();
        return benchmark;
    }
}
