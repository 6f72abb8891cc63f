package io.vigie.sentiment.scoring;

import io.vigie.sentiment.text.TextFolding;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The grammar a lexicon scorer needs for one language: which words negate, intensify or soften what follows, which
 * words shift the weight of a sentence ("but"), and a few two-word idioms whose meaning is not the sum of their words.
 * All words are stored accent-folded.
 *
 * @param negators             words that flip the polarity of the next few words
 * @param conditionalNegators  words that negate only after a "ne" (French {@code ne ... plus}, {@code ne ... personne})
 * @param negationOpener       the particle that opens a two-part negation ({@code ne}), or null
 * @param boosters             intensifiers ("very", "très")
 * @param dampeners            softeners ("slightly", "un peu")
 * @param contrasts            words after which the sentence's weight lies ("but", "mais")
 * @param idioms               two-word phrases with their own valence ("pas terrible")
 */
public record LanguageRules(
        Set<String> negators,
        Set<String> conditionalNegators,
        String negationOpener,
        Set<String> boosters,
        Set<String> dampeners,
        Set<String> contrasts,
        Map<String, Double> idioms) {

    public static final LanguageRules ENGLISH = new LanguageRules(
            words("not never no none nobody nothing nowhere neither nor without cannot cant dont doesnt didnt isnt "
                    + "arent wasnt werent wont wouldnt shouldnt couldnt havent hasnt hadnt aint"),
            Set.of(),
            null,
            words("absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely "
                    + "especially exceptionally extremely fabulously fully greatly hella highly hugely incredibly "
                    + "intensely majorly more most particularly purely quite really remarkably so substantially "
                    + "thoroughly totally tremendously unbelievably unusually utterly very"),
            words("almost barely hardly kinda less little marginally occasionally partly scarcely slightly somewhat sorta"),
            words("but however"),
            idioms("yeah right=-2.0", "bad ass=1.5", "the bomb=3.0", "broken heart=-2.9", "not bad=0.8"));

    public static final LanguageRules FRENCH = new LanguageRules(
            words("pas jamais rien aucun aucune ni guère sans peu"),
            words("plus personne point"),
            "ne",
            words("très vraiment trop tellement extrêmement hyper totalement complètement absolument vachement "
                    + "particulièrement énormément carrément ultra incroyablement franchement fortement si"),
            words("assez légèrement plutôt moyennement presque relativement"),
            words("mais cependant pourtant toutefois"),
            idioms("pas terrible=-1.5", "pas top=-1.2", "pas fameux=-1.2", "pas génial=-1.2"));

    /** Whether the word negates, softens or intensifies, i.e. carries no valence of its own. */
    public boolean isModifier(String key) {
        return negators.contains(key) || boosters.contains(key) || dampeners.contains(key)
                || conditionalNegators.contains(key) || key.equals(negationOpener);
    }

    private static Set<String> words(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.strip().split("\\s+")).map(TextFolding::fold).collect(Collectors.toUnmodifiableSet());
    }

    private static Map<String, Double> idioms(String... entries) {
        Map<String, Double> idioms = new HashMap<>();
        for (String entry : entries) {
            String[] phraseAndValence = entry.split("=");
            idioms.put(TextFolding.fold(phraseAndValence[0]), Double.parseDouble(phraseAndValence[1]));
        }
        return Map.copyOf(idioms);
    }
}
