package io.vigie.sentiment.language;

import io.vigie.sentiment.support.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StopwordLanguageDetectorTests {

    private final LanguageDetector detector = new StopwordLanguageDetector();

    @Test
    void tellsFrenchFromEnglishOnTheLabelledTweetsOfUmsabVal() throws IOException {
        double french = accuracy("umsab/french/val_text.txt", DetectedLanguage.FRENCH);
        double english = accuracy("umsab/english/val_text.txt", DetectedLanguage.ENGLISH);
        System.out.printf("language detection accuracy on UMSAB val: fr %.3f, en %.3f%n", french, english);
        assertThat(french).isGreaterThanOrEqualTo(0.9);
        assertThat(english).isGreaterThanOrEqualTo(0.9);
    }

    private double accuracy(String file, String expected) throws IOException {
        List<String> lines = Files.readAllLines(SharedData.sharedFile("data/sentiment/" + file));
        long right = lines.stream().filter(line -> detector.detect(line, null).code().equals(expected)).count();
        return (double) right / lines.size();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Nuvelia m'a prélevé deux fois ma facture ce mois-ci, je veux être remboursé.  | fr
            Customer service never answered, I've been waiting for three weeks.         | en
            El servicio de atención al cliente no contesta y la factura es muy alta.     | other
            Der Kundendienst hat nicht geantwortet und die Rechnung ist zu hoch.         | other
            Il servizio clienti non risponde e la bolletta è troppo alta per noi.        | other
            """)
    void reportsFrenchEnglishOrOther(String text, String expected) {
        DetectedLanguage detected = detector.detect(text, null);
        assertThat(detected.code()).isEqualTo(expected);
        assertThat(detected.confidence()).isBetween(0.5, 1.0);
    }

    @Test
    void trustsTheDeclaredLanguageWhenTheTextIsTooShortToTell() {
        assertThat(detector.detect("Nuvelia 👍", "fr")).isEqualTo(new DetectedLanguage("fr", 0.6));
        assertThat(detector.detect("Nuvelia 👍", "en-GB")).isEqualTo(new DetectedLanguage("en", 0.6));
        assertThat(detector.detect("Nuvelia", "de")).isEqualTo(new DetectedLanguage("other", 0.6));
    }

    @Test
    void detectionBeatsADeclaredLanguageThatTheTextContradicts() {
        assertThat(detector.detect("Le service client ne répond jamais, c'est une honte pour une entreprise comme ça.", "en")
                .code()).isEqualTo("fr");
    }

    @Test
    void textWithoutEvidenceNorDeclaredLanguageIsOtherWithNoConfidence() {
        assertThat(detector.detect("Nuvelia #EV 👍 https://example.org", null))
                .isEqualTo(new DetectedLanguage("other", 0.0));
        assertThat(detector.detect(null, null)).isEqualTo(new DetectedLanguage("other", 0.0));
    }
}
