package io.vigie.sentiment.scoring;

import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;
import io.vigie.sentiment.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LexiconSentimentModelTests {

    private static final SentimentModel MODEL = LexiconSentimentModel.withBundledLexicons();

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | The support team was great.                          | positive
            en | The support team was not great.                      | negative
            en | I don't like the new app.                            | negative
            en | Never happy with this provider.                      | negative
            en | No problem at all, thanks                            | positive
            en | The meter is installed.                              | neutral
            en | Total scam, charged twice. Awful.                    | negative
            en | Love it 👍                                            | positive
            fr | J'adore le compteur connecté.                        | positive
            fr | C'est nul.                                           | negative
            fr | Pas terrible, le service client.                     | negative
            fr | Je ne suis pas content du tout.                      | negative
            fr | Je n'aime pas cette appli.                           | negative
            fr | Ce n'est plus agréable du tout.                      | negative
            fr | Intervention rapide et efficace, merci !             | positive
            fr | Livraison sans problème.                             | positive
            fr | Le compteur a été installé mardi.                    | neutral
            fr | C'est une arnaque, je suis furieux.                  | negative
            fr | Pas mal du tout, ce fournisseur.                     | positive
            """)
    void labelsTheUsualConstructions(String language, String text, String expected) {
        assertThat(MODEL.score(text, language).label().wireName()).isEqualTo(expected);
    }

    @Test
    void intensifiersStrengthenAndSoftenersWeaken() {
        assertThat(score("en", "The service is very good")).isGreaterThan(score("en", "The service is good"));
        assertThat(score("en", "The service is slightly good")).isLessThan(score("en", "The service is good"));
        assertThat(score("fr", "Le service est vraiment bien")).isGreaterThan(score("fr", "Le service est bien"));
        assertThat(score("fr", "Je suis très déçu")).isLessThan(score("fr", "Je suis déçu"));
    }

    @Test
    void negationFlipsAndDampens() {
        assertThat(score("en", "good")).isPositive();
        assertThat(score("en", "not good")).isNegative().isGreaterThan(-score("en", "good"));
        assertThat(score("fr", "content")).isPositive();
        assertThat(score("fr", "pas content")).isNegative();
    }

    @Test
    void lookupIgnoresAccentsAndCase() {
        assertThat(score("fr", "Tres decu")).isEqualTo(score("fr", "très déçu"));
    }

    @Test
    void frenchElisionsAreOpened() {
        assertThat(score("fr", "j'adore")).isEqualTo(score("fr", "adore"));
        assertThat(score("fr", "l'arnaque")).isEqualTo(score("fr", "arnaque"));
    }

    @Test
    void exclamationsAndCapitalsAddEmphasis() {
        assertThat(score("en", "This is bad!!!")).isLessThan(score("en", "This is bad"));
        assertThat(score("en", "This is BAD")).isLessThan(score("en", "This is bad"));
    }

    @Test
    void whatFollowsButWeighsMore() {
        assertThat(MODEL.score("The app is nice but the billing is terrible", "en").label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(MODEL.score("L'appli est moche mais le service est excellent", "fr").label()).isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void otherLanguagesAreUnsupportedNotNeutral() {
        Sentiment sentiment = MODEL.score("Der Kundendienst ist schrecklich", "other");
        assertThat(sentiment).isEqualTo(new Sentiment(SentimentLabel.UNSUPPORTED, null, null, "lexicon-0.1"));
    }

    @Test
    void scoresStayInRangeWithAVersionAndConfidence() {
        Sentiment sentiment = MODEL.score("awful awful awful horrible terrible disgusting!!!! 😡😡", "en");
        assertThat(sentiment.score()).isBetween(-1.0, -0.9);
        assertThat(sentiment.confidence()).isBetween(0.5, 1.0);
        assertThat(sentiment.modelVersion()).isEqualTo("lexicon-0.1");
    }

    /** UMSAB labels: 0 negative, 1 neutral, 2 positive. Published VADER-style figures: about 0.56 (en), 0.59 (fr). */
    @Test
    void measuresMacroF1OnTheLabelledTweetsOfUmsabVal() throws IOException {
        double english = macroF1("english", "en");
        double french = macroF1("french", "fr");
        System.out.printf("lexicon-0.1 macro-F1 on UMSAB val: en %.3f, fr %.3f%n", english, french);
        assertThat(english).isGreaterThanOrEqualTo(0.5);
        assertThat(french).isGreaterThanOrEqualTo(0.5);
    }

    private static double macroF1(String folder, String language) throws IOException {
        List<String> texts = Files.readAllLines(SharedData.sharedFile("data/sentiment/umsab/" + folder + "/val_text.txt"));
        List<String> labels = Files.readAllLines(SharedData.sharedFile("data/sentiment/umsab/" + folder + "/val_labels.txt"));
        List<String> classes = List.of("negative", "neutral", "positive");
        int[][] confusion = new int[3][3];
        for (int i = 0; i < texts.size(); i++) {
            int predicted = classes.indexOf(MODEL.score(texts.get(i), language).label().wireName());
            confusion[Integer.parseInt(labels.get(i).strip())][predicted]++;
        }
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            double truePositives = confusion[k][k];
            double predictedK = confusion[0][k] + confusion[1][k] + confusion[2][k];
            double actualK = confusion[k][0] + confusion[k][1] + confusion[k][2];
            double precision = predictedK == 0 ? 0 : truePositives / predictedK;
            double recall = actualK == 0 ? 0 : truePositives / actualK;
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return sum / 3;
    }

    private static double score(String language, String text) {
        return MODEL.score(text, language).score();
    }
}
