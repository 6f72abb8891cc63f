package io.vigie.alert.detect;

import io.vigie.alert.DemoDataset;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CrisisVocabularyTests {

    /** The regular expressions the normalisation was first written with: the reference it must keep to. */
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private static String reference(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return NON_WORD.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    @Test
    void normalisesLikeTheRegularExpressionsOnRealAndOddTexts() {
        List<String> texts = new ArrayList<>(List.of("", "   ", "  Scandale!!  Rappel-produit… ", "İstanbul ΣΑΣ ß ﬁ",
                "x\u0301\u20DD y", "²³ Ⅻ ٣ 𝔸𝔹 😀 a\uD800b", "Café\u00A0crème\tet\nplainte", "DATA BREACH."));
        DemoDataset.lines().forEach(line -> texts.add((line.title() == null ? "" : line.title()) + " " + line.text()));
        Random random = new Random(5);
        int[] ranges = {0x20, 0x7F, 0xA0, 0x24F, 0x300, 0x36F, 0x370, 0x3FF, 0x600, 0x6FF, 0x2000, 0x206F,
                0x2150, 0x218F, 0x1F300, 0x1F64F, 0x1D400, 0x1D4FF};
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                int range = random.nextInt(ranges.length / 2) * 2;
                text.appendCodePoint(ranges[range] + random.nextInt(ranges[range + 1] - ranges[range] + 1));
            }
            texts.add(text.toString());
        }
        for (int i = 0; i < 2000; i++) {
            // Mostly Latin (the table's path), with now and then a character that sends the text to the full path.
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(60); j > 0; j--) {
                int roll = random.nextInt(100);
                text.appendCodePoint(roll < 60 ? 0x20 + random.nextInt(0x60) : roll < 97 ? 0xA0 + random.nextInt(0x1B0)
                        : ranges[random.nextInt(ranges.length / 2) * 2] + random.nextInt(0x30));
            }
            texts.add(text.toString());
        }
        for (char c = 0; c < 0x300; c++) {
            texts.add("a" + c + "b " + c + c + " " + c);
        }
        for (String text : texts) {
            assertThat(CrisisVocabulary.normalise(text)).as(text).isEqualTo(reference(text));
            assertThat(CrisisVocabulary.normaliseFully(text)).as(text).isEqualTo(reference(text));
        }
    }

    @Test
    void findsWholeTermsWithoutCaseOrAccents() {
        CrisisVocabulary vocabulary = new CrisisVocabulary(List.of("scandale", "rappel produit", "data breach", " "));
        assertThat(vocabulary.hits("Un SCANDALE : rappel-produit après la « data breach »", List.of())).isEqualTo(3);
        assertThat(vocabulary.hits("scandaleux rappel produits", List.of())).isZero();
        assertThat(vocabulary.hits("Plainte déposée", List.of("plainte", "Scandale"))).isEqualTo(1);
        assertThat(vocabulary.hits(null, List.of("x"))).isZero();
    }
}
