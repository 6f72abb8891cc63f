package io.vigie.sentiment.model;

import io.vigie.sentiment.scoring.LexiconSentimentModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Trains one logistic regression per language on the training examples, then calibrates its neutral class on those
 * same training examples by {@value #FOLDS}-fold cross-validation: the neutral bias shift that maximises the
 * out-of-fold macro-F1 of the three-class examples (tweets), averaged over neighbouring shifts so that one lucky
 * threshold does not decide. A language with enough long two-class training examples (French reviews) also gets a
 * model for its long texts, trained the same way on the same examples with the long-text features scaled by
 * {@link LogCountRatios} learnt from them; its short texts (posts) keep the first model. No val split nor
 * evaluation-only row is read. Deterministic: same examples in the same order, same model.
 */
public final class ModelTrainer {

    private static final Logger log = LoggerFactory.getLogger(ModelTrainer.class);

    /** Kept from vigie-lr-0.1: cross-validation on the training split found no better epochs, rate nor L2. */
    static final LanguageModel.Training DEFAULT_TRAINING = new LanguageModel.Training(12, 0.2, 1e-5, 20_260_426L);
    static final int FOLDS = 5;
    private static final float MAX_SHIFT = 2.0f;
    private static final float SHIFT_STEP = 0.05f;
    /** The calibration objective at a shift is the mean over the shifts this many steps either side. */
    private static final int SMOOTHING_STEPS = 2;

    private final LexiconSentimentModel rules;
    private final FeatureExtractor extractor;
    private final LanguageModel.Training training;

    public ModelTrainer(LexiconSentimentModel rules) {
        this(rules, DEFAULT_TRAINING);
    }

    ModelTrainer(LexiconSentimentModel rules, LanguageModel.Training training) {
        this.rules = rules;
        this.extractor = new FeatureExtractor(rules);
        this.training = training;
    }

    /** One model per language found among the examples. */
    public TrainedSentimentModel train(String version, List<LabelledExample> examples) {
        Map<String, LanguageModel> models = new TreeMap<>();
        Map<String, TrainedSentimentModel.LongTextModel> longText = new TreeMap<>();
        TreeSet<String> languages = new TreeSet<>();
        examples.forEach(example -> languages.add(example.language()));
        for (String language : languages) {
            List<LabelledExample> own = examples.stream().filter(example -> example.language().equals(language)).toList();
            List<SparseVector> features = new ArrayList<>();
            for (LabelledExample example : own) {
                features.add(extractor.extract(example.text(), example.language()).compact());
            }
            models.put(language, trainLanguage(language, own, features));
            LogCountRatios ratios = LogCountRatios.learn(extractor, own);
            if (ratios != null) {
                List<SparseVector> scaled = new ArrayList<>();
                for (LabelledExample example : own) {
                    scaled.add(extractor.extract(example.text(), example.language(), ratios).vector().compact());
                }
                longText.put(language, new TrainedSentimentModel.LongTextModel(ratios,
                        trainLanguage(language + " long texts", own, scaled)));
            }
        }
        return new TrainedSentimentModel(version, models, longText, rules);
    }

    /**
     * The encoder model: the base model's languages as they are, and English trained again, by the same protocol, with
     * each text's sentence embedding (times {@code embeddingWeight}) added to its features.
     */
    public EncoderSentimentModel trainWithEncoder(String version, TrainedSentimentModel base, SentenceEncoder encoder,
                                                  float embeddingWeight, List<LabelledExample> examples) {
        List<LabelledExample> english = examples.stream()
                .filter(example -> example.language().equals(EncoderSentimentModel.LANGUAGE)).toList();
        // Texts are encoded side by side (each embedding depends on its text alone), then used in their order.
        List<float[]> embeddings = english.parallelStream().map(example -> encoder.encode(example.text())).toList();
        List<SparseVector> features = new ArrayList<>();
        for (int i = 0; i < english.size(); i++) {
            LabelledExample example = english.get(i);
            features.add(extractor.extract(example.text(), example.language(), embeddings.get(i), embeddingWeight)
                    .compact());
        }
        log.info("{}: encoded {} English training examples with {}", version, english.size(), SentenceEncoder.NAME);
        return new EncoderSentimentModel(version, base, trainLanguage(EncoderSentimentModel.LANGUAGE, english, features),
                embeddingWeight, encoder);
    }

    /** One language's model on its examples' features, its neutral class calibrated by cross-validation. */
    LanguageModel trainLanguage(String language, List<LabelledExample> own, List<SparseVector> features) {
        int[] labels = own.stream().mapToInt(LabelledExample::label).toArray();
        LanguageModel trained = LanguageModel.train(features, labels, training);
        float shift = neutralShift(own, features, labels).shift();
        LanguageModel calibrated = trained.withNeutralShift(shift);
        log.info("{}: trained on {} examples, {} features with weights, neutral class shifted by {}", language,
                features.size(), calibrated.nonZeroFeatures(), shift);
        return calibrated;
    }

    /** The neutral shift chosen by cross-validation and the out-of-fold macro-F1 it reaches there. */
    record Calibration(float shift, double outOfFoldMacroF1) {
    }

    /** The neutral shift chosen by cross-validation on the training examples (0 without three-class examples). */
    Calibration neutralShift(List<LabelledExample> examples, List<SparseVector> features, int[] labels) {
        List<double[]> logProbabilities = new ArrayList<>();
        List<LabelledExample> threeClass = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<SparseVector> foldFeatures = new ArrayList<>();
            List<Integer> foldLabels = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                if (i % FOLDS != fold) {
                    foldFeatures.add(features.get(i));
                    foldLabels.add(labels[i]);
                }
            }
            if (foldFeatures.isEmpty()) {
                continue;
            }
            LanguageModel model = LanguageModel.train(foldFeatures,
                    foldLabels.stream().mapToInt(Integer::intValue).toArray(), training);
            for (int i = fold; i < examples.size(); i += FOLDS) {
                if (!examples.get(i).twoClass()) {
                    double[] p = model.probabilities(features.get(i));
                    logProbabilities.add(new double[]{Math.log(p[0]), Math.log(p[1]), Math.log(p[2])});
                    threeClass.add(examples.get(i));
                }
            }
        }
        if (threeClass.isEmpty()) {
            return new Calibration(0, Double.NaN);
        }
        float best = 0;
        double bestF1 = smoothedMacroF1(logProbabilities, threeClass, 0);
        int steps = Math.round(MAX_SHIFT / SHIFT_STEP);
        // From the smallest shift outwards, so that among equal scores the least change wins.
        for (int s = 1; s <= steps; s++) {
            for (float shift : new float[]{s * SHIFT_STEP, -s * SHIFT_STEP}) {
                double f1 = smoothedMacroF1(logProbabilities, threeClass, shift);
                if (f1 > bestF1) {
                    bestF1 = f1;
                    best = shift;
                }
            }
        }
        log.info("cross-validated neutral shift {} (out-of-fold macro-F1 {} on {} three-class training examples)", best,
                String.format("%.4f", bestF1), threeClass.size());
        return new Calibration(best, bestF1);
    }

    private static double smoothedMacroF1(List<double[]> logProbabilities, List<LabelledExample> examples, float shift) {
        double sum = 0;
        for (int s = -SMOOTHING_STEPS; s <= SMOOTHING_STEPS; s++) {
            sum += macroF1(logProbabilities, examples, shift + s * SHIFT_STEP);
        }
        return sum / (2 * SMOOTHING_STEPS + 1);
    }

    private static double macroF1(List<double[]> logProbabilities, List<LabelledExample> examples, float shift) {
        int[][] confusion = new int[LabelledExample.CLASSES][LabelledExample.CLASSES];
        for (int i = 0; i < examples.size(); i++) {
            double[] l = logProbabilities.get(i);
            double neutral = l[1] + shift;
            int predicted = l[0] >= neutral && l[0] >= l[2] ? 0 : neutral >= l[2] ? 1 : 2;
            confusion[examples.get(i).label()][predicted]++;
        }
        return new Evaluation(confusion, false).macroF1();
    }
}
