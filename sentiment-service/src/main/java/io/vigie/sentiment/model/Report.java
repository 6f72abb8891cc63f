package io.vigie.sentiment.model;

import io.vigie.sentiment.language.LanguageDetector;
import io.vigie.sentiment.language.StopwordLanguageDetector;
import io.vigie.sentiment.scoring.SentimentModel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Evaluates a model on named sets, prints the table and, on request, writes it as JSON for the regression test. */
final class Report {

    record Row(String name, String language, Evaluation sentiment, double languageAccuracy) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final String modelVersion;

    private Report(String modelVersion) {
        this.modelVersion = modelVersion;
    }

    static Report of(SentimentModel model, Map<String, List<LabelledExample>> sets) {
        LanguageDetector detector = new StopwordLanguageDetector();
        Report report = new Report(model.version());
        Map<String, List<LabelledExample>> byLanguage = new LinkedHashMap<>();
        for (Map.Entry<String, List<LabelledExample>> set : sets.entrySet()) {
            List<LabelledExample> examples = set.getValue();
            if (examples.isEmpty()) {
                continue;
            }
            long detected = examples.stream()
                    .filter(e -> detector.detect(e.text(), null).code().equals(e.language())).count();
            String language = examples.get(0).language();
            report.rows.add(new Row(set.getKey(), language, Evaluation.of(model, examples),
                    (double) detected / examples.size()));
            byLanguage.computeIfAbsent(language, l -> new ArrayList<>()).addAll(examples);
        }
        return report;
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "model %s%n", modelVersion);
        out.printf(Locale.ROOT, "%-18s %4s %6s %9s %9s %9s%n", "set", "lang", "n", "accuracy", "macro-F1", "lang-id");
        for (Row row : rows) {
            out.printf(Locale.ROOT, "%-18s %4s %6d %9.3f %9.3f %9.3f%n", row.name(), row.language(),
                    row.sentiment().count(), row.sentiment().accuracy(), row.sentiment().macroF1(),
                    row.languageAccuracy());
        }
        for (Row row : rows) {
            out.printf(Locale.ROOT, "%nconfusion %s (%s)%n", row.name(), row.language());
            row.sentiment().confusionLines().forEach(out::println);
        }
    }

    /** Deterministic JSON (fixed order, fixed precision), read back by the regression test. */
    void writeJson(Path file) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"model\": \"").append(modelVersion).append("\",\n  \"sets\": {\n");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            json.append(String.format(Locale.ROOT, "    \"%s\": {\"language\": \"%s\", \"n\": %d, \"accuracy\": %.4f, "
                            + "\"macroF1\": %.4f, \"languageAccuracy\": %.4f}%s%n", row.name(), row.language(),
                    row.sentiment().count(), row.sentiment().accuracy(), row.sentiment().macroF1(),
                    row.languageAccuracy(), i + 1 < rows.size() ? "," : ""));
        }
        json.append("  }\n}\n");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }
}
