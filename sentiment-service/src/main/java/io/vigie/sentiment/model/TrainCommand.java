package io.vigie.sentiment.model;

import io.vigie.sentiment.scoring.LexiconSentimentModel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Trains the sentiment model from the data folder (and the analysts' corrections, when given) and writes
 * {@code <out>/<version>.bin.gz} plus {@code <out>/<version>.metrics.json}, the figures on the val splits and
 * evaluation-only rows that the README reports and the regression test holds the shipped model to.
 */
public final class TrainCommand {

    public static final String DEFAULT_VERSION = "vigie-lr-0.2";
    static final Path DEFAULT_OUT = Path.of("sentiment-service", "src", "main", "resources", "models");

    private static final String USAGE = """
            usage: TrainCommand [--data data/sentiment] [--corrections corrections.jsonl] \
            [--out sentiment-service/src/main/resources/models] [--version %s]""".formatted(DEFAULT_VERSION);

    private TrainCommand() {
    }

    public static void main(String[] args) throws IOException {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("train: " + e.getMessage());
            System.exit(2);
        }
    }

    static void run(String[] args) throws IOException {
        CommandLine command = CommandLine.parse(args, Set.of("--data", "--corrections", "--out", "--version"), Set.of(),
                USAGE);
        if (!command.positional().isEmpty()) {
            throw new IllegalArgumentException("unexpected argument " + command.positional().get(0) + "\n" + USAGE);
        }
        Path data = DataFolder.locate(command.options().containsKey("--data") ? Path.of(command.option("--data", null)) : null);
        String version = command.option("--version", DEFAULT_VERSION);
        Path out = Path.of(command.option("--out", DEFAULT_OUT.toString()));

        List<LabelledExample> examples = new ArrayList<>(DataFolder.training(data));
        String corrections = command.option("--corrections", null);
        if (corrections != null) {
            List<LabelledExample> corrected = LabelledData.read(Path.of(corrections), null, LabelledData.Rows.ALL);
            System.out.printf("%d analyst corrections from %s%n", corrected.size(), corrections);
            examples.addAll(corrected);
        }
        long start = System.nanoTime();
        TrainedSentimentModel model = new ModelTrainer(LexiconSentimentModel.withBundledLexicons())
                .train(version, examples);
        Files.createDirectories(out);
        Path modelFile = out.resolve(version + TrainedSentimentModel.FILE_SUFFIX);
        try (OutputStream stream = Files.newOutputStream(modelFile)) {
            model.write(stream);
        }
        System.out.printf("trained %s on %d examples in %.1f s: %s (%,d bytes)%n", version, examples.size(),
                (System.nanoTime() - start) / 1e9, modelFile, Files.size(modelFile));
        Report report = Report.of(model, DataFolder.reported(data));
        report.print(System.out);
        Path metrics = out.resolve(version + ".metrics.json");
        report.writeJson(metrics);
        System.out.println("figures written to " + metrics);
    }
}
