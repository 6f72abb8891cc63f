package io.vigie.sentiment.model;

import io.vigie.sentiment.scoring.LexiconSentimentModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogCountRatiosTests {

    private static final FeatureExtractor EXTRACTOR = new FeatureExtractor(LexiconSentimentModel.withBundledLexicons());
    /** Forty-five words the same in every review: more than the forty that make a text long. */
    private static final String PLOT = "le roman raconte la vie d un homme qui part de sa ville natale pour chercher "
            + "du travail dans une autre région du pays avec sa femme ses deux enfants et son vieux chien fidèle "
            + "pendant les longues années de la guerre et après la paix revenue enfin chez eux";

    @Test
    void wordsOfPositiveReviewsScaleUpAndWordsOfNegativeReviewsScaleDown() {
        LogCountRatios ratios = LogCountRatios.learn(EXTRACTOR, reviews(LogCountRatios.MIN_TEXTS));

        assertThat(ratios).isNotNull();
        assertThat(evidence(ratios, PLOT + " zorglub")).isPositive();
        assertThat(evidence(ratios, PLOT + " bidule")).isNegative();
    }

    @Test
    void tooFewLongReviewsGiveNoRatios() {
        List<LabelledExample> examples = reviews(LogCountRatios.MIN_TEXTS - 1);
        // Short reviews and three-class posts do not count towards the long reviews the ratios need.
        examples.add(new LabelledExample("zorglub génial", "fr", LabelledExample.POSITIVE, true));
        examples.add(new LabelledExample(PLOT + " zorglub", "fr", LabelledExample.POSITIVE, false));

        assertThat(LogCountRatios.learn(EXTRACTOR, examples)).isNull();
    }

    private static List<LabelledExample> reviews(int count) {
        List<LabelledExample> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean positive = i % 2 == 0;
            examples.add(new LabelledExample(PLOT + (positive ? " zorglub" : " bidule"), "fr",
                    positive ? LabelledExample.POSITIVE : LabelledExample.NEGATIVE, true));
        }
        return examples;
    }

    /** What the ratios add up to over a long text's hashed features: its naive Bayes log-odds, scaled. */
    private static double evidence(LogCountRatios ratios, String text) {
        SparseVector features = EXTRACTOR.longTextFeatures(text, "fr");
        double sum = 0;
        for (int k = 0; k < features.size(); k++) {
            sum += features.value(k) * ratios.at(features.index(k));
        }
        return sum;
    }
}
