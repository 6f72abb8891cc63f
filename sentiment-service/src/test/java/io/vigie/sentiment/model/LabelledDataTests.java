package io.vigie.sentiment.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelledDataTests {

    private final Path data = DataFolder.locate(null);

    @Test
    void reviewSetsSplitIntoTrainingAndEvaluationRowsByIndexModuloFive() throws IOException {
        Path amazonFr = data.resolve("amazon-fr/polarity-fr-amazon.csv");
        List<LabelledExample> all = LabelledData.read(amazonFr, null, LabelledData.Rows.ALL);
        List<LabelledExample> evaluation = LabelledData.read(amazonFr, null, LabelledData.Rows.EVALUATION);
        List<LabelledExample> training = LabelledData.read(amazonFr, null, LabelledData.Rows.TRAINING);
        assertThat(all).hasSize(1500);
        assertThat(evaluation).hasSize(300).first().isEqualTo(all.get(0));
        assertThat(evaluation.get(1)).isEqualTo(all.get(5));
        assertThat(training).hasSize(1200).first().isEqualTo(all.get(1));
        assertThat(all).allSatisfy(example -> {
            assertThat(example.language()).isEqualTo("fr");
            assertThat(example.twoClass()).isTrue();
        });
    }

    @Test
    void tweetSetsPairTextsWithLabelsAndCarryTheirLanguage() throws IOException {
        List<LabelledExample> french = LabelledData.read(data.resolve("umsab/french/val_text.txt"), null,
                LabelledData.Rows.ALL);
        assertThat(french).hasSize(324).allSatisfy(example -> assertThat(example.language()).isEqualTo("fr"));
        List<LabelledExample> english = LabelledData.read(data.resolve("umsab/english/train_text.txt"), null,
                LabelledData.Rows.ALL);
        assertThat(english.get(0).text()).startsWith("okay i’m sorry").doesNotContain("\\u2019");
    }

    @Test
    void correctionsKeepFrenchAndEnglishRowsWithAUsableLabel(@TempDir Path folder) throws IOException {
        Path corrections = folder.resolve("corrections.jsonl");
        Files.writeString(corrections, """
                {"text":"Facturé deux fois","lang":"fr","label":"negative"}
                {"text":"Great support","lang":"en","label":"positive"}
                {"text":"Sehr gut","lang":"de","label":"positive"}
                {"text":"???","lang":"en","label":"unsupported"}

                """);
        assertThat(LabelledData.read(corrections, null, LabelledData.Rows.ALL)).containsExactly(
                new LabelledExample("Facturé deux fois", "fr", LabelledExample.NEGATIVE, false),
                new LabelledExample("Great support", "en", LabelledExample.POSITIVE, false));
    }

    @Test
    void anUnknownFormatSaysWhichFormatsAreRead(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("notes.md"), "hello");
        assertThatThrownBy(() -> LabelledData.read(file, "en", LabelledData.Rows.ALL))
                .hasMessageContaining("expected *_text.txt");
    }
}
