package io.vigie.sentiment.model;

import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model the service ships, held to the figures its training run wrote ({@code models/<version>.metrics.json},
 * the figures the README reports): more than 0.02 below any of them fails the build.
 */
class ShippedModelTests {

    private static TrainedSentimentModel model;

    @BeforeAll
    static void load() {
        model = TrainedSentimentModel.fromClasspath(TrainCommand.DEFAULT_VERSION);
    }

    @Test
    void staysWithinTwoPointsOfTheReportedFiguresOnValSplitsAndEvaluationRows() throws IOException {
        ReportedFigures.assertStillReached(model, TrainCommand.DEFAULT_VERSION);
    }

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | Charged twice this month and nobody answers. Total scam.     | negative
            en | Customer service was great, problem solved in ten minutes!    | positive
            en | The new meter was installed on Tuesday.                      | neutral
            fr | Prélevé deux fois ce mois-ci, personne ne répond. Une arnaque. | negative
            fr | Service client au top, problème réglé en dix minutes, merci ! | positive
            fr | J'adore cette appli.                                          | positive
            fr | C'est nul.                                                    | negative
            """)
    void labelsPlainMentions(String language, String text, String expected) {
        assertThat(model.score(text, language).label().wireName()).isEqualTo(expected);
    }

    @Test
    void givesALabelAScoreInRangeAConfidenceAndItsVersion() {
        Sentiment sentiment = model.score("Panne depuis trois jours, service client injoignable, c'est une honte !!!", "fr");
        assertThat(sentiment.label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(sentiment.score()).isBetween(-1.0, -0.05);
        assertThat(sentiment.confidence()).isBetween(1 / 3.0, 1.0);
        assertThat(sentiment.modelVersion()).isEqualTo(TrainCommand.DEFAULT_VERSION);
    }

    @Test
    void otherLanguagesAreUnsupportedWithNoScore() {
        assertThat(model.score("Der Kundendienst ist schrecklich", "other"))
                .isEqualTo(new Sentiment(SentimentLabel.UNSUPPORTED, null, null, TrainCommand.DEFAULT_VERSION));
    }
}
