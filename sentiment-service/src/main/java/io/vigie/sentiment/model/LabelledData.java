package io.vigie.sentiment.model;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the labelled sets of the data folder ({@code data/sentiment/}, see its README), by file name:
 * <ul>
 *   <li>{@code *_text.txt} with its {@code *_labels.txt} (UMSAB, TweetEval): one text per line, labels 0/1/2;</li>
 *   <li>{@code *.tsv} (UCI): {@code sentence<TAB>0|1}, two classes;</li>
 *   <li>{@code *.csv} (amazon-fr): {@code "review","+1|-1"}, two classes;</li>
 *   <li>{@code *.jsonl} (analysts' corrections): {@code {"text","lang","label"}} with label negative/neutral/positive.</li>
 * </ul>
 * The review sets have no split: rows whose 0-based index mod 5 is 0 are evaluation-only, the others are for training.
 */
public final class LabelledData {

    /** Which rows of a review set (UCI, amazon-fr) to read; the tweet sets come already split into files. */
    public enum Rows { TRAINING, EVALUATION, ALL }

    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LabelledData() {
    }

    /**
     * @param language {@code fr} or {@code en}; null to infer it from the path (french, amazon-fr: fr; english,
     *                 tweeteval, uci: en; corrections carry their own)
     */
    public static List<LabelledExample> read(Path file, String language, Rows rows) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".jsonl")) {
            return corrections(file);
        }
        String lang = language != null ? language : languageOf(file);
        if (name.endsWith("_text.txt")) {
            return textAndLabels(file, lang);
        }
        if (name.endsWith(".tsv")) {
            return selected(uci(file, lang), rows);
        }
        if (name.endsWith(".csv")) {
            return selected(amazonFr(file, lang), rows);
        }
        throw new IllegalArgumentException(file + ": unknown format; expected *_text.txt (with *_labels.txt beside it), "
                + "*.tsv (UCI), *.csv (amazon-fr) or *.jsonl (corrections)");
    }

    static String languageOf(Path file) {
        String path = file.toAbsolutePath().normalize().toString().toLowerCase(Locale.ROOT).replace('\\', '/');
        if (path.contains("/french/") || path.contains("amazon-fr") || path.contains("/fr/")) {
            return "fr";
        }
        if (path.contains("/english/") || path.contains("tweeteval") || path.contains("/uci/") || path.contains("/en/")) {
            return "en";
        }
        throw new IllegalArgumentException(file + ": cannot tell its language from its path; pass --lang fr|en");
    }

    private static List<LabelledExample> textAndLabels(Path textFile, String language) throws IOException {
        Path labelFile = textFile.resolveSibling(textFile.getFileName().toString().replace("_text.txt", "_labels.txt"));
        List<String> texts = Files.readAllLines(textFile, StandardCharsets.UTF_8);
        List<String> labels = Files.readAllLines(labelFile, StandardCharsets.UTF_8);
        if (texts.size() != labels.size()) {
            throw new IOException(textFile + " has " + texts.size() + " lines but " + labelFile + " has " + labels.size());
        }
        List<LabelledExample> examples = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            examples.add(new LabelledExample(unescape(texts.get(i)).strip(), language,
                    Integer.parseInt(labels.get(i).strip()), false));
        }
        return examples;
    }

    private static List<LabelledExample> uci(Path file, String language) throws IOException {
        List<LabelledExample> examples = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.lastIndexOf('\t');
            if (tab < 0) {
                continue;
            }
            int label = Integer.parseInt(line.substring(tab + 1).strip()) == 1 ? LabelledExample.POSITIVE
                    : LabelledExample.NEGATIVE;
            examples.add(new LabelledExample(line.substring(0, tab).strip(), language, label, true));
        }
        return examples;
    }

    /** RFC 4180 CSV with two quoted fields; quotes inside a field are doubled. */
    private static List<LabelledExample> amazonFr(Path file, String language) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        List<LabelledExample> examples = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i <= content.length(); i++) {
            char c = i < content.length() ? content.charAt(i) : '\n';
            if (quoted) {
                if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (!fields.isEmpty() || !field.isEmpty()) {
                    fields.add(field.toString());
                    field.setLength(0);
                    if (fields.size() != 2) {
                        throw new IOException(file + ": row " + (examples.size() + 1) + " has " + fields.size()
                                + " fields, expected \"review\",\"+1|-1\"");
                    }
                    int label = Integer.parseInt(fields.get(1).strip()) > 0 ? LabelledExample.POSITIVE
                            : LabelledExample.NEGATIVE;
                    examples.add(new LabelledExample(fields.get(0).strip(), language, label, true));
                    fields.clear();
                }
            } else {
                field.append(c);
            }
        }
        return examples;
    }

    private static List<LabelledExample> corrections(Path file) throws IOException {
        List<LabelledExample> examples = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            String text = row.path("text").asString(null);
            String lang = row.path("lang").asString(null);
            String label = row.path("label").asString("");
            int index = switch (label) {
                case "negative" -> LabelledExample.NEGATIVE;
                case "neutral" -> LabelledExample.NEUTRAL;
                case "positive" -> LabelledExample.POSITIVE;
                default -> -1;
            };
            if (text == null || index < 0 || !("fr".equals(lang) || "en".equals(lang))) {
                // A correction on another language, or without a usable label, teaches the fr/en models nothing.
                continue;
            }
            examples.add(new LabelledExample(text, lang, index, false));
        }
        return examples;
    }

    private static List<LabelledExample> selected(List<LabelledExample> all, Rows rows) {
        if (rows == Rows.ALL) {
            return all;
        }
        List<LabelledExample> selected = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if ((i % 5 == 0) == (rows == Rows.EVALUATION)) {
                selected.add(all.get(i));
            }
        }
        return selected;
    }

    /** UMSAB writes some characters as literal {@code \u2019} escapes; the tokenizer needs the real apostrophe. */
    private static String unescape(String text) {
        if (text.indexOf("\\u") < 0) {
            return text;
        }
        Matcher matcher = UNICODE_ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(matcher.group(1), 16))));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
