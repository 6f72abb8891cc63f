package io.vigie.sentiment.model;

import io.vigie.sentiment.support.SharedData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/** The model the service runs by default keeps the demo's story: ordinary days look ordinary, the crisis negative. */
class DemoDatasetModelTests {

    @Test
    void scoresTheCrisisMostlyNegativeAndOrdinaryDaysNot() throws IOException {
        TrainedSentimentModel model = TrainedSentimentModel.fromClasspath(TrainCommand.DEFAULT_VERSION);
        JsonMapper json = JsonMapper.builder().build();
        int rows = 0, agree = 0, crisis = 0, crisisNegative = 0, ordinary = 0, ordinaryNegative = 0;
        for (String line : Files.readAllLines(SharedData.demoDataset())) {
            JsonNode row = json.readTree(line);
            String label = model.score(row.get("text").asString(), row.get("lang").asString()).label().wireName();
            boolean negative = label.equals("negative");
            rows++;
            agree += label.equals(row.get("tone").asString()) ? 1 : 0;
            if (row.get("offsetSeconds").asLong() >= 0) {
                crisis++;
                crisisNegative += negative ? 1 : 0;
            } else {
                ordinary++;
                ordinaryNegative += negative ? 1 : 0;
            }
        }
        assertThat((double) agree / rows).isGreaterThanOrEqualTo(0.8);
        assertThat((double) crisisNegative / crisis).isGreaterThanOrEqualTo(0.85);
        assertThat((double) ordinaryNegative / ordinary).isLessThan(0.3);
    }
}
