package io.vigie.sentiment.model;

import io.vigie.sentiment.scoring.LexiconSentimentModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelTrainerTests {

    private static final LexiconSentimentModel RULES = LexiconSentimentModel.withBundledLexicons();

    @Test
    void sameDataGiveAByteIdenticalModel() throws IOException {
        Path data = DataFolder.locate(null);
        List<LabelledExample> sample = everyNth(DataFolder.training(data), 4);

        byte[] first = bytes(new ModelTrainer(RULES).train("test", sample));
        byte[] second = bytes(new ModelTrainer(RULES).train("test", sample));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void theTrainingCommandReproducesTheShippedModel() throws IOException {
        Path data = DataFolder.locate(null);
        TrainedSentimentModel retrained = new ModelTrainer(RULES)
                .train(TrainCommand.DEFAULT_VERSION, DataFolder.training(data));
        byte[] shipped;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("models/" + TrainCommand.DEFAULT_VERSION + TrainedSentimentModel.FILE_SUFFIX)) {
            assertThat(in).isNotNull();
            shipped = in.readAllBytes();
        }
        assertThat(bytes(retrained))
                .as("the shipped model is what the training command makes from data/sentiment; after changing "
                        + "the lexicons, the features or the data, retrain it (see sentiment-service/README.md)")
                .isEqualTo(shipped);
    }

    @Test
    void analystCorrectionsTeachTheModelTheTeamsVocabulary() {
        List<LabelledExample> examples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            examples.add(new LabelledExample("le compteur zorglub encore " + i, "fr", LabelledExample.NEGATIVE, false));
            examples.add(new LabelledExample("le compteur bidule encore " + i, "fr", LabelledExample.POSITIVE, false));
        }
        TrainedSentimentModel model = new ModelTrainer(RULES).train("test", examples);
        assertThat(model.score("zorglub", "fr").label().wireName()).isEqualTo("negative");
        assertThat(model.score("bidule", "fr").label().wireName()).isEqualTo("positive");
    }

    private static <T> List<T> everyNth(List<T> all, int n) {
        List<T> sample = new ArrayList<>();
        for (int i = 0; i < all.size(); i += n) {
            sample.add(all.get(i));
        }
        return sample;
    }

    private static byte[] bytes(TrainedSentimentModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        return out.toByteArray();
    }
}
