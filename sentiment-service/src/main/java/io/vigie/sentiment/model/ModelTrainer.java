package io.vigie.sentiment.model;

import io.vigie.sentiment.scoring.LexiconSentimentModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains one logistic regression per language on the training examples, then calibrates its neutral class on that
 * language's validation examples: the neutral bias shift that maximises macro-F1 there. Deterministic: same examples
 * in the same order, same model.
 */
public final class ModelTrainer {

    private static final Logger log = LoggerFactory.getLogger(ModelTrainer.class);

    /** Chosen on the val splits (see docs/adr/0008-sentiment-model.md). */
    static final LanguageModel.Training DEFAULT_TRAINING = new LanguageModel.Training(12, 0.2, 1e-5, 20_260_426L);
    private static final float MAX_SHIFT = 2.0f;
    private static final float SHIFT_STEP = 0.05f;

    private final LexiconSentimentModel rules;
    private final LanguageModel.Training training;

    public ModelTrainer(LexiconSentimentModel rules) {
        this(rules, DEFAULT_TRAINING);
    }

    ModelTrainer(LexiconSentimentModel rules, LanguageModel.Training training) {
        this.rules = rules;
        this.training = training;
    }

    public TrainedSentimentModel train(String version, List<LabelledExample> examples,
                                       Map<String, List<LabelledExample>> validation) {
        Map<String, LanguageModel> models = new TreeMap<>();
        for (String language : new TreeMap<>(validation).keySet()) {
            List<SparseVector> features = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (LabelledExample example : examples) {
                if (example.language().equals(language)) {
                    features.add(features(example));
                    labels.add(example.label());
                }
            }
            if (features.isEmpty()) {
                throw new IllegalArgumentException("no training example in language '" + language + "'");
            }
            LanguageModel trained = LanguageModel.train(features,
                    labels.stream().mapToInt(Integer::intValue).toArray(), training);
            LanguageModel calibrated = calibrate(trained, validation.get(language));
            log.info("{}: trained on {} examples, {} features with weights", language, features.size(),
                    calibrated.nonZeroFeatures());
            models.put(language, calibrated);
        }
        return new TrainedSentimentModel(version, models, rules);
    }

    private SparseVector features(LabelledExample example) {
        return FeatureExtractor.extract(example.text(), example.language(),
                rules.score(example.text(), example.language()).score()).compact();
    }

    private LanguageModel calibrate(LanguageModel model, List<LabelledExample> validation) {
        List<double[]> logProbabilities = new ArrayList<>();
        for (LabelledExample example : validation) {
            double[] p = model.probabilities(features(example));
            logProbabilities.add(new double[]{Math.log(p[0]), Math.log(p[1]), Math.log(p[2])});
        }
        float best = 0;
        double bestF1 = macroF1(logProbabilities, validation, 0);
        int steps = Math.round(MAX_SHIFT / SHIFT_STEP);
        // From the smallest shift outwards, so that among equal scores the least change wins.
        for (int s = 1; s <= steps; s++) {
            for (float shift : new float[]{s * SHIFT_STEP, -s * SHIFT_STEP}) {
                double f1 = macroF1(logProbabilities, validation, shift);
                if (f1 > bestF1) {
                    bestF1 = f1;
                    best = shift;
                }
            }
        }
        log.info("neutral class shifted by {} (val macro-F1 {})", best, String.format("%.4f", bestF1));
        return model.withNeutralShift(best);
    }

    private static double macroF1(List<double[]> logProbabilities, List<LabelledExample> validation, float shift) {
        int[][] confusion = new int[LabelledExample.CLASSES][LabelledExample.CLASSES];
        for (int i = 0; i < validation.size(); i++) {
            double[] l = logProbabilities.get(i);
            double neutral = l[1] + shift;
            int predicted = l[0] >= neutral && l[0] >= l[2] ? 0 : neutral >= l[2] ? 1 : 2;
            confusion[validation.get(i).label()][predicted]++;
        }
        return new Evaluation(confusion, false).macroF1();
    }
}
