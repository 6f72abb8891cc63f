package io.vigie.sentiment.model;

import io.vigie.sentiment.model.LabelledData.Rows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which files of the data folder train and measure the model. Never trained nor calibrated on: the UMSAB val splits,
 * TweetEval's extra tweets and the evaluation rows of the review sets (the neutral class is calibrated by
 * cross-validation on the training examples, see {@link ModelTrainer}).
 */
public final class DataFolder {

    /** The repository's vendored copy, from the repository root or from a module folder. */
    public static final Path DEFAULT = Path.of("data", "sentiment");

    private static final String[] UCI = {"amazon", "imdb", "yelp"};

    private DataFolder() {
    }

    public static Path locate(Path given) {
        if (given != null) {
            return require(given);
        }
        for (Path candidate : List.of(DEFAULT, Path.of("..").resolve(DEFAULT))) {
            if (Files.isDirectory(candidate.resolve("umsab"))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no data folder at ./" + DEFAULT + " nor ../" + DEFAULT
                + ": run from the repository root or pass --data <folder>");
    }

    private static Path require(Path folder) {
        if (!Files.isDirectory(folder.resolve("umsab"))) {
            throw new IllegalArgumentException(folder + " is not a sentiment data folder (no umsab/ inside)");
        }
        return folder;
    }

    public static List<LabelledExample> training(Path data) throws IOException {
        List<LabelledExample> examples = new ArrayList<>();
        examples.addAll(LabelledData.read(data.resolve("umsab/english/train_text.txt"), "en", Rows.ALL));
        for (String set : UCI) {
            examples.addAll(LabelledData.read(data.resolve("uci/" + set + ".tsv"), "en", Rows.TRAINING));
        }
        examples.addAll(LabelledData.read(data.resolve("umsab/french/train_text.txt"), "fr", Rows.ALL));
        examples.addAll(LabelledData.read(data.resolve("amazon-fr/polarity-fr-amazon.csv"), "fr", Rows.TRAINING));
        return examples;
    }

    /** The UMSAB val splits, by language (reported; vigie-lr-0.1 calibrated its neutral class on them, 0.2 does not). */
    public static Map<String, List<LabelledExample>> validation(Path data) throws IOException {
        Map<String, List<LabelledExample>> validation = new LinkedHashMap<>();
        validation.put("en", LabelledData.read(data.resolve("umsab/english/val_text.txt"), "en", Rows.ALL));
        validation.put("fr", LabelledData.read(data.resolve("umsab/french/val_text.txt"), "fr", Rows.ALL));
        return validation;
    }

    /** The sets the README reports, by name: val splits and evaluation-only rows. */
    public static Map<String, List<LabelledExample>> reported(Path data) throws IOException {
        Map<String, List<LabelledExample>> sets = new LinkedHashMap<>();
        sets.put("umsab-fr-val", LabelledData.read(data.resolve("umsab/french/val_text.txt"), "fr", Rows.ALL));
        sets.put("amazon-fr-eval", LabelledData.read(data.resolve("amazon-fr/polarity-fr-amazon.csv"), "fr",
                Rows.EVALUATION));
        sets.put("umsab-en-val", LabelledData.read(data.resolve("umsab/english/val_text.txt"), "en", Rows.ALL));
        sets.put("tweeteval-extra", LabelledData.read(data.resolve("tweeteval/extra_text.txt"), "en", Rows.ALL));
        List<LabelledExample> uci = new ArrayList<>();
        for (String set : UCI) {
            List<LabelledExample> rows = LabelledData.read(data.resolve("uci/" + set + ".tsv"), "en", Rows.EVALUATION);
            sets.put("uci-" + set + "-eval", rows);
            uci.addAll(rows);
        }
        sets.put("uci-eval", uci);
        return sets;
    }
}
