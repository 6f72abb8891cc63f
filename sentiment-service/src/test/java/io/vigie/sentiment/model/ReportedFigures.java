package io.vigie.sentiment.model;

import io.vigie.sentiment.scoring.SentimentModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regression guard of a shipped model: measured again on every set its metrics file reports (written by the
 * training command, not typed in), no figure may fall more than two points below it.
 */
final class ReportedFigures {

    static final double TOLERANCE = 0.02;

    private ReportedFigures() {
    }

    static void assertStillReached(SentimentModel model, String version) throws IOException {
        JsonNode reported;
        try (InputStream in = ReportedFigures.class.getClassLoader()
                .getResourceAsStream("models/" + version + ".metrics.json")) {
            assertThat(in).as("metrics file written by the training command").isNotNull();
            reported = JsonMapper.builder().build().readTree(in);
        }
        assertThat(reported.get("model").asString()).isEqualTo(model.version());
        Map<String, List<LabelledExample>> sets = DataFolder.reported(DataFolder.locate(null));
        JsonNode figures = reported.get("sets");
        assertThat(figures.propertyNames()).containsExactlyInAnyOrderElementsOf(sets.keySet());
        for (Iterator<String> names = figures.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            Evaluation measured = Evaluation.of(model, sets.get(name));
            assertThat(measured.accuracy()).as(name + " accuracy")
                    .isGreaterThanOrEqualTo(figures.get(name).get("accuracy").asDouble() - TOLERANCE);
            assertThat(measured.macroF1()).as(name + " macro-F1")
                    .isGreaterThanOrEqualTo(figures.get(name).get("macroF1").asDouble() - TOLERANCE);
        }
    }
}
