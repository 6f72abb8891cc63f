package io.vigie.sentiment.scoring;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule layer's constructions, as pairs: the first text must score strictly below the second. */
class RuleLayerTests {

    private static final SentimentModel RULES = LexiconSentimentModel.withBundledLexicons();

    @ParameterizedTest(name = "[{0}] {1} < {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | not good                                | good
            en | never happy                             | happy
            en | it's bad                                | it's not bad
            en | good but the billing is terrible        | terrible billing but good
            en | very bad                                | bad
            en | bad                                     | slightly bad
            en | This is BAD                             | This is bad
            en | This is bad!!!                          | This is bad
            en | good                                    | goooood
            en | goooood                                 | sooo goooood!!!
            en | I waited all day :(                     | I waited all day
            en | I waited all day                        | I waited all day :)
            en | wtf                                     | lol
            fr | pas content                             | content
            fr | je ne suis plus content                 | je suis content
            fr | je n'aime jamais ça                     | j'aime ça
            fr | ce n'est pas bien                       | c'est bien
            fr | c'est nul                               | c'est correct
            fr | livraison                               | livraison sans problème
            fr | problème                                | livraison sans problème
            fr | rapide mais très décevant               | décevant mais rapide
            fr | rapide, cependant décevant              | décevant, cependant rapide
            fr | très déçu                               | déçu
            fr | déçu                                    | un peu déçu
            fr | C'est NUL                               | C'est nul
            fr | c'est nul !!!                           | c'est nul
            fr | c'est bien                              | c'est trop bien
            fr | nul                                     | top
            fr | c'est relou                             | j'adore
            fr | j'attends depuis une heure 😡           | j'attends depuis une heure
            fr | j'attends depuis une heure              | j'attends depuis une heure 😍
            fr | génial                                  | géniaaaal !!!
            """)
    void scoresInTheRightOrder(String language, String lower, String higher) {
        assertThat(RULES.score(lower, language).score()).isLessThan(RULES.score(higher, language).score());
    }

    @ParameterizedTest(name = "[{0}] {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            fr | j'adore         | adore
            fr | c'est nul       | ce est nul
            fr | l'arnaque       | arnaque
            fr | très déçu       | TRES DECU
            fr | qu'il est beau  | que il est beau
            """)
    void frenchElisionsAndAccentsDoNotChangeTheScore(String language, String written, String plain) {
        assertThat(RULES.score(written, language).score()).isEqualTo(RULES.score(plain, language).score());
    }
}
