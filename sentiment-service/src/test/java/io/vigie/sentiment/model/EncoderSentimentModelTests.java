package io.vigie.sentiment.model;

import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model with the English encoder (vigie-lr-enc-0.2): English read with the sentence embedding, French and other
 * languages exactly as its base model reads them, and held to the figures its training run wrote.
 */
class EncoderSentimentModelTests {

    private static EncoderSentimentModel model;
    private static TrainedSentimentModel base;
    /** A second encoder, for the models these tests train or read themselves. */
    private static SentenceEncoder encoder;

    @BeforeAll
    static void load() {
        model = (EncoderSentimentModel) SentimentModels.load(TrainCommand.ENCODER_VERSION);
        base = TrainedSentimentModel.fromClasspath(TrainCommand.DEFAULT_VERSION);
        encoder = SentenceEncoder.load(1);
    }

    @AfterAll
    static void close() {
        model.close();
        encoder.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Charged twice this month and nobody answers. Total scam.       | negative
            Worst customer service ever, I want my money back.             | negative
            Customer service was great, problem solved in ten minutes!     | positive
            I love the new app, it is fast and really easy to use.         | positive
            The new meter was installed on Tuesday.                        | neutral
            """)
    void labelsPlainEnglishMentionsUnderItsOwnVersion(String text, String expected) {
        Sentiment sentiment = model.score(text, "en");
        assertThat(sentiment.label().wireName()).isEqualTo(expected);
        assertThat(sentiment.modelVersion()).isEqualTo(TrainCommand.ENCODER_VERSION);
        assertThat(sentiment.score()).isBetween(-1.0, 1.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Prélevé deux fois ce mois-ci, personne ne répond. Une arnaque.
            Service client au top, problème réglé en dix minutes, merci !
            Le nouveau compteur a été posé mardi.
            """)
    void scoresFrenchExactlyAsTheBaseModelDoes(String text) {
        assertThat(model.baseVersion()).isEqualTo(TrainCommand.DEFAULT_VERSION);
        assertThat(model.score(text, "fr")).isEqualTo(base.score(text, "fr"));
    }

    @Test
    void otherLanguagesAreUnsupported() {
        assertThat(model.score("Der Kundendienst ist schrecklich", "other").label()).isEqualTo(SentimentLabel.UNSUPPORTED);
    }

    @Test
    void aWrittenModelReadsBackToTheSameScores() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(bytes);
        assertThat(EncoderSentimentModel.isEncoderModel(new ByteArrayInputStream(bytes.toByteArray()))).isTrue();
        EncoderSentimentModel read = EncoderSentimentModel.read(new ByteArrayInputStream(bytes.toByteArray()),
                version -> base, () -> encoder);
        String text = "Still waiting for a refund after three weeks, not impressed.";
        assertThat(read.score(text, "en")).isEqualTo(model.score(text, "en"));
    }

    @Test
    void sameExamplesGiveAByteIdenticalModel() throws IOException {
        List<LabelledExample> sample = new ArrayList<>();
        List<LabelledExample> training = DataFolder.training(DataFolder.locate(null));
        for (int i = 0; i < training.size(); i += 20) {
            sample.add(training.get(i));
        }
        ModelTrainer trainer = new ModelTrainer(base.rules());
        byte[] first = bytes(trainer.trainWithEncoder("test", base, encoder, TrainCommand.EMBEDDING_WEIGHT, sample));
        byte[] second = bytes(trainer.trainWithEncoder("test", base, encoder, TrainCommand.EMBEDDING_WEIGHT, sample));
        assertThat(second).isEqualTo(first);
    }

    private static byte[] bytes(EncoderSentimentModel trained) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        trained.write(out);
        return out.toByteArray();
    }

    @Test
    void staysWithinTwoPointsOfTheReportedFigures() throws IOException {
        ReportedFigures.assertStillReached(model, TrainCommand.ENCODER_VERSION);
    }
}
