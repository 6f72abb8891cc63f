package io.vigie.sentiment.language;

import io.vigie.sentiment.text.TextFolding;
import io.vigie.sentiment.text.Token;
import io.vigie.sentiment.text.Tokenizer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dependency-free language detection by function words: each language's most frequent short words (articles,
 * pronouns, prepositions, auxiliaries) are near-certain markers, and a few letters only some languages use
 * (é, ç, ñ, ß...) add weak evidence.
 *
 * <p>Five other European languages are profiled too, not to be reported but so that Spanish or Italian text is called
 * {@code other} instead of being pulled towards French by the words they share ("de", "la", "en"). A word common to
 * several languages counts for each of them in proportion.
 */
public final class StopwordLanguageDetector implements LanguageDetector {

    /** Below this much evidence the text is too short to tell, and the source's declared language wins. */
    private static final double MIN_EVIDENCE = 1.5;
    private static final double DECLARED_CONFIDENCE = 0.6;

    private static final Map<String, String> FUNCTION_WORDS = new LinkedHashMap<>();

    static {
        FUNCTION_WORDS.put("en", """
                the and is are was were be been being of to in that it for on with as at by this these those have has
                had i you he she we they my your his her our their its not but or what which who whom will would can
                could should shall just so if about from up out do does did don't doesn't didn't i'm it's that's
                there's isn't aren't wasn't can't won't i've you're they're we're there all any get got like an
                how when why where more than then too very really now today tonight tomorrow going after before may
                some been also only into over them him us me off back still even much many well because here yet
                being while every those through again never always a no""");
        FUNCTION_WORDS.put("fr", """
                le la les des du de un une et est sont pas que qui ne je tu il elle nous vous ils elles ce cette ces
                cet mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs au aux avec pour par sur dans mais
                ou donc car plus moins tres tout tous toute toutes etre avoir fait faire ete ont avait etait c'est
                j'ai aussi bien encore meme comme quand chez sans sous entre depuis rien jamais on lui se si cela ca
                oui non merci aujourd'hui demain apres avant deja trop peu vers contre toujours y en a voila quoi
                suis es sommes etes peut faut va vais vont cet ceux celle celui dont quelle quel quels quelles parce
                lorsque puisque jusque""");
        FUNCTION_WORDS.put("es", """
                el los las del y es que por para con una uno pero como muy mas esta este estos estas son sus al lo se
                su tambien yo hoy hay todo nada gracias cuando donde porque ya le les me mi tu te nos fue ser estoy
                sin sobre entre hasta desde en no""");
        FUNCTION_WORDS.put("de", """
                der die das und ist nicht ich du er sie wir ihr mit auf fur von zu den dem ein eine einen auch es sich
                noch wie aber nur oder wenn schon heute sehr ja nein bei aus nach bin hat haben war werden wird mein
                dass im ins vom zum zur kein keine""");
        FUNCTION_WORDS.put("it", """
                il lo gli della delle degli di che e per con una uno non sono ma come anche piu molto questo questa
                nel nella ho ha mi ti ci al alla tutto grazie oggi perche sei siamo hanno della dei sul sulla no""");
        FUNCTION_WORDS.put("pt", """
                o os as um uma do da dos das em no na nao com para por que e mais muito eu voce ele ela isso este
                esta foi sao tem obrigado hoje tambem pelo pela nos meu minha""");
        FUNCTION_WORDS.put("nl", """
                de het een en is van ik je niet dat die op te met voor zijn er maar om ook als bij nog wat naar dan
                heb wel geen wij jullie hij zij hebben en""");
    }

    /** Letters that point to a language; weak evidence, each occurrence counts for a fraction of a word. */
    private static final Map<Character, String[]> MARKER_LETTERS = Map.ofEntries(
            Map.entry('é', new String[]{"fr", "es", "pt", "it"}), Map.entry('è', new String[]{"fr", "it"}),
            Map.entry('ê', new String[]{"fr", "pt"}), Map.entry('à', new String[]{"fr", "it", "pt"}),
            Map.entry('ç', new String[]{"fr", "pt"}), Map.entry('ù', new String[]{"fr"}),
            Map.entry('î', new String[]{"fr"}), Map.entry('ô', new String[]{"fr", "pt"}),
            Map.entry('û', new String[]{"fr"}), Map.entry('œ', new String[]{"fr"}),
            Map.entry('ë', new String[]{"fr", "nl"}), Map.entry('ï', new String[]{"fr", "nl"}),
            Map.entry('ñ', new String[]{"es"}), Map.entry('¿', new String[]{"es"}), Map.entry('¡', new String[]{"es"}),
            Map.entry('á', new String[]{"es", "pt"}), Map.entry('í', new String[]{"es", "pt"}),
            Map.entry('ó', new String[]{"es", "pt"}), Map.entry('ú', new String[]{"es", "pt"}),
            Map.entry('ã', new String[]{"pt"}), Map.entry('õ', new String[]{"pt"}),
            Map.entry('ä', new String[]{"de"}), Map.entry('ö', new String[]{"de"}), Map.entry('ü', new String[]{"de"}),
            Map.entry('ß', new String[]{"de"}), Map.entry('ì', new String[]{"it"}), Map.entry('ò', new String[]{"it"}));
    private static final double MARKER_LETTER_WEIGHT = 0.3;

    /** For each function word, its weight per language: 1 when only one language has it, 1/k when k share it. */
    private static final Map<String, Map<String, Double>> WORD_WEIGHTS = buildWeights();

    private static Map<String, Map<String, Double>> buildWeights() {
        Map<String, Map<String, Double>> owners = new HashMap<>();
        FUNCTION_WORDS.forEach((language, words) -> {
            for (String word : words.strip().split("\\s+")) {
                owners.computeIfAbsent(TextFolding.fold(word), w -> new HashMap<>()).put(language, 1.0);
            }
        });
        owners.values().forEach(languages -> languages.replaceAll((language, one) -> 1.0 / languages.size()));
        return Map.copyOf(owners);
    }

    @Override
    public DetectedLanguage detect(String text, String declaredLanguage) {
        String declared = DetectedLanguage.normalise(declaredLanguage);
        Map<String, Double> scores = score(text == null ? "" : text);
        double total = scores.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total < MIN_EVIDENCE && declared != null) {
            return new DetectedLanguage(declared, DECLARED_CONFIDENCE);
        }
        if (total == 0) {
            return new DetectedLanguage(DetectedLanguage.OTHER, 0.0);
        }
        List<Map.Entry<String, Double>> ranked = scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        double best = ranked.get(0).getValue();
        double runnerUp = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
        // How clearly the winner beats the runner-up (shared words count for both), damped when evidence is scarce.
        double confidence = best / (best + runnerUp) * (1 - Math.exp(-total / 2));
        String code = DetectedLanguage.normalise(ranked.get(0).getKey());
        return new DetectedLanguage(code, Math.min(1.0, Math.max(0.0, confidence)));
    }

    private static Map<String, Double> score(String text) {
        Map<String, Double> scores = new HashMap<>();
        List<Token> tokens = Tokenizer.tokenize(text);
        for (Token token : tokens) {
            if (!token.isWord()) {
                continue;
            }
            Map<String, Double> weights = WORD_WEIGHTS.get(token.key());
            if (weights != null) {
                weights.forEach((language, weight) -> scores.merge(language, weight, Double::sum));
            }
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            String[] languages = MARKER_LETTERS.get(lower.charAt(i));
            if (languages != null) {
                for (String language : languages) {
                    scores.merge(language, MARKER_LETTER_WEIGHT / languages.length, Double::sum);
                }
            }
        }
        return scores;
    }
}
