package io.vigie.sentiment.model;

import io.vigie.sentiment.scoring.SentimentModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints accuracy, macro-F1, language-detection accuracy and the confusion matrix of the sentiment model on labelled
 * files (formats: see {@link LabelledData}). Review sets (*.tsv, *.csv) are read for their evaluation-only rows unless
 * {@code --all-rows}. Without files, evaluates the sets the README reports (val splits and evaluation-only rows).
 */
public final class EvaluateCommand {

    private static final String USAGE = """
            usage: EvaluateCommand [--model %s | --model %s | --model lexicon-0.1 | --model-file FILE.bin.gz] \
            [--data data/sentiment] [--lang fr|en] [--all-rows] [--metrics-out FILE.json] [FILE...]"""
            .formatted(TrainCommand.DEFAULT_VERSION, TrainCommand.ENCODER_VERSION);

    private EvaluateCommand() {
    }

    public static void main(String[] args) throws IOException {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("evaluate: " + e.getMessage());
            System.exit(2);
        }
    }

    static void run(String[] args) throws IOException {
        CommandLine command = CommandLine.parse(args, Set.of("--model", "--model-file", "--data", "--lang", "--metrics-out"),
                Set.of("--all-rows"), USAGE);
        SentimentModel model = model(command);
        Map<String, List<LabelledExample>> sets = new LinkedHashMap<>();
        if (command.positional().isEmpty()) {
            Path data = DataFolder.locate(command.options().containsKey("--data")
                    ? Path.of(command.option("--data", null)) : null);
            sets.putAll(DataFolder.reported(data));
        } else {
            LabelledData.Rows rows = command.flag("--all-rows") ? LabelledData.Rows.ALL : LabelledData.Rows.EVALUATION;
            for (String file : command.positional()) {
                Path path = Path.of(file);
                if (!Files.isReadable(path)) {
                    throw new IllegalArgumentException(file + " does not exist or cannot be read");
                }
                sets.put(path.getFileName().toString(), LabelledData.read(path, command.option("--lang", null), rows));
            }
        }
        Report report = Report.of(model, sets);
        report.print(System.out);
        String metrics = command.option("--metrics-out", null);
        if (metrics != null) {
            report.writeJson(Path.of(metrics));
            System.out.println("figures written to " + metrics);
        }
    }

    private static SentimentModel model(CommandLine command) throws IOException {
        String file = command.option("--model-file", null);
        if (file != null) {
            return SentimentModels.read(Path.of(file));
        }
        return SentimentModels.load(command.option("--model", TrainCommand.DEFAULT_VERSION));
    }
}
