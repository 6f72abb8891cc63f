package io.vigie.sentiment.model;

import io.vigie.contracts.SentimentLabel;
import io.vigie.sentiment.scoring.SentimentModel;

import java.util.List;
import java.util.Locale;

/**
 * Accuracy, macro-F1 and the confusion matrix of a model on labelled examples. On a two-class set a neutral prediction
 * counts as wrong, and macro-F1 averages the negative and positive classes only.
 *
 * @param confusion {@code confusion[actual][predicted]}, classes negative, neutral, positive
 */
public record Evaluation(int[][] confusion, boolean twoClass) {

    public static Evaluation of(SentimentModel model, List<LabelledExample> examples) {
        int[][] confusion = new int[LabelledExample.CLASSES][LabelledExample.CLASSES];
        boolean twoClass = !examples.isEmpty();
        for (LabelledExample example : examples) {
            confusion[example.label()][classOf(model.score(example.text(), example.language()).label())]++;
            twoClass &= example.twoClass();
        }
        return new Evaluation(confusion, twoClass);
    }

    static int classOf(SentimentLabel label) {
        return switch (label) {
            case NEGATIVE -> LabelledExample.NEGATIVE;
            case POSITIVE -> LabelledExample.POSITIVE;
            default -> LabelledExample.NEUTRAL;
        };
    }

    public int count() {
        int count = 0;
        for (int[] row : confusion) {
            for (int cell : row) {
                count += cell;
            }
        }
        return count;
    }

    public double accuracy() {
        int right = 0;
        for (int c = 0; c < LabelledExample.CLASSES; c++) {
            right += confusion[c][c];
        }
        return count() == 0 ? 0 : (double) right / count();
    }

    /** The mean F1 of the classes the set has examples of (a two-class set has no neutral; TweetEval's extra set no negative). */
    public double macroF1() {
        double sum = 0;
        int classes = 0;
        for (int c = 0; c < LabelledExample.CLASSES; c++) {
            double actual = confusion[c][0] + confusion[c][1] + confusion[c][2];
            if (actual == 0) {
                continue;
            }
            double predicted = confusion[0][c] + confusion[1][c] + confusion[2][c];
            double precision = predicted == 0 ? 0 : confusion[c][c] / predicted;
            double recall = actual == 0 ? 0 : confusion[c][c] / actual;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            classes++;
        }
        return sum / classes;
    }

    /** The confusion matrix as lines of text, rows the actual class, columns the predicted one. */
    public List<String> confusionLines() {
        String[] names = {"negative", "neutral", "positive"};
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-10s %9s %9s %9s", "actual\\pred", "negative", "neutral", "positive"));
        for (int a = 0; a < LabelledExample.CLASSES; a++) {
            if (twoClass && a == LabelledExample.NEUTRAL) {
                continue;
            }
            lines.add(String.format(Locale.ROOT, "  %-10s %9d %9d %9d", names[a], confusion[a][0], confusion[a][1],
                    confusion[a][2]));
        }
        return lines;
    }
}
