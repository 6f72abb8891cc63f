package io.vigie.sentiment.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationTests {

    @Test
    void macroF1AveragesTheClassesTheSetHas() {
        // actual negative: 8 right, 2 called positive; actual positive: 9 right, 1 called neutral (wrong on a two-class set)
        Evaluation evaluation = new Evaluation(new int[][]{{8, 0, 2}, {0, 0, 0}, {0, 1, 9}}, true);
        assertThat(evaluation.accuracy()).isEqualTo(17 / 20.0);
        double negativeF1 = 2 * 1.0 * 0.8 / 1.8;
        double positiveF1 = 2 * (9 / 11.0) * 0.9 / (9 / 11.0 + 0.9);
        assertThat(evaluation.macroF1()).isCloseTo((negativeF1 + positiveF1) / 2, within(1e-9));
        assertThat(evaluation.confusionLines()).hasSize(3);
    }
}
