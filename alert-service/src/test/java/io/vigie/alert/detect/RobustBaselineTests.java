package io.vigie.alert.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RobustBaselineTests {

    @Test
    void oneHugeOutlierMovesNeitherTheMedianNorTheDeviation() {
        RobustBaseline baseline = RobustBaseline.of(new double[] {1, 2, 2, 3, 2, 1, 500});

        assertThat(baseline.median()).isEqualTo(2);
        assertThat(baseline.mad()).isEqualTo(1);
        assertThat(baseline.sigma(0)).isEqualTo(1.4826);
    }

    @Test
    void aConstantSeriesStillHasTheFloorAsDeviation() {
        RobustBaseline baseline = RobustBaseline.of(new double[] {0, 0, 0, 0});

        assertThat(baseline.median()).isZero();
        assertThat(baseline.sigma(1)).isEqualTo(1);
    }

    @Test
    void anEmptySeriesHasNoBaseline() {
        assertThatThrownBy(() -> RobustBaseline.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
