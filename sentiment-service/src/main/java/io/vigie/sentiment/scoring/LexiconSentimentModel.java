package io.vigie.sentiment.scoring;

import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;
import io.vigie.sentiment.language.DetectedLanguage;
import io.vigie.sentiment.text.Token;
import io.vigie.sentiment.text.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A rule-based scorer in the manner of VADER (Hutto and Gilbert, 2014) for English and French: each word's valence from
 * a lexicon, raised by intensifiers, lowered by softeners, flipped by negation, weighted after "but", emphasised by
 * capitals and exclamation marks, then squashed into [-1, 1].
 *
 * <p>A baseline that needs no training and explains itself; a learned model replaces it behind {@link SentimentModel}.
 */
public final class LexiconSentimentModel implements SentimentModel {

    public static final String VERSION = "lexicon-0.1";

    /** |compound| below this is neutral, as in VADER. */
    public static final double NEUTRAL_BAND = 0.05;

    private static final double BOOSTER_STEP = 0.293;
    private static final double SHOUT_STEP = 0.733;
    private static final double NEGATION_FACTOR = -0.74;
    private static final double BEFORE_CONTRAST = 0.5;
    private static final double AFTER_CONTRAST = 1.5;
    private static final double EXCLAMATION_STEP = 0.292;
    private static final int MAX_EXCLAMATIONS = 4;
    private static final double NORMALISATION_ALPHA = 15;
    /** How far back a negation or an intensifier reaches, in words. */
    private static final int REACH = 3;
    /** Compiled once: {@code String.replaceAll} would compile it on every elongated word. */
    private static final Pattern LETTER_RUN = Pattern.compile("(\\p{L})\\1{2,}");

    private final Map<String, Lexicon> lexicons;
    private final Map<String, LanguageRules> rules;

    public LexiconSentimentModel(Lexicon english, Lexicon french) {
        this.lexicons = Map.of(DetectedLanguage.ENGLISH, english, DetectedLanguage.FRENCH, french);
        this.rules = Map.of(DetectedLanguage.ENGLISH, LanguageRules.ENGLISH, DetectedLanguage.FRENCH, LanguageRules.FRENCH);
    }

    /**
     * The model with the lexicons shipped in the jar: VADER (English) and vader_FR, each corrected by Vigie's
     * customer-service supplement, plus Vigie's emoji list.
     */
    public static LexiconSentimentModel withBundledLexicons() {
        return new LexiconSentimentModel(
                Lexicon.fromClasspath("lexicons/vader_lexicon.txt", "lexicons/vigie_en_supplement.txt",
                        "lexicons/vigie_emoji.txt"),
                Lexicon.fromClasspath("lexicons/vader_fr_lexicon.txt", "lexicons/vigie_fr_supplement.txt",
                        "lexicons/vigie_emoji.txt"));
    }

    /** The lexicon this model reads for a language ({@code en}, {@code fr}), or null for other languages. */
    public Lexicon lexicon(String language) {
        return lexicons.get(language);
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Sentiment score(String text, String language) {
        Lexicon lexicon = lexicons.get(language);
        if (lexicon == null) {
            return new Sentiment(SentimentLabel.UNSUPPORTED, null, null, VERSION);
        }
        List<Token> tokens = Tokenizer.tokenize(text);
        List<double[]> valences = valences(tokens, lexicon, rules.get(language), hasMixedCase(text));
        double sum = applyContrast(tokens, valences, rules.get(language));
        sum += Math.signum(sum) * exclamationEmphasis(text);
        double compound = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA)));
        SentimentLabel label = compound >= NEUTRAL_BAND ? SentimentLabel.POSITIVE
                : compound <= -NEUTRAL_BAND ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL;
        // A lexicon cannot tell a neutral text from one whose words it does not know: neutral stays at even odds.
        double confidence = label == SentimentLabel.NEUTRAL ? 0.5 : 0.5 + 0.5 * Math.abs(compound);
        return new Sentiment(label, round(compound), round(confidence), VERSION);
    }

    /** Each sentiment-bearing token's position and valence after intensifiers, negation and capitals. */
    private static List<double[]> valences(List<Token> tokens, Lexicon lexicon, LanguageRules rules, boolean mixedCase) {
        boolean[] negated = negatedPositions(tokens, rules);
        List<double[]> valences = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.isBoundary()) {
                continue;
            }
            String pair = i + 1 < tokens.size() && tokens.get(i + 1).isWord() ? token.key() + " " + tokens.get(i + 1).key() : null;
            Double idiom = pair == null ? null : rules.idioms().get(pair);
            if (idiom != null) {
                valences.add(new double[]{i, idiom + boost(tokens, i, idiom, rules, mixedCase)});
                i++;
                continue;
            }
            if (rules.isModifier(token.key())) {
                continue;
            }
            Double valence = pair == null ? null : lexicon.valence(pair);
            int span = 1;
            boolean elongated = false;
            if (valence == null) {
                valence = lexicon.valence(token.key());
                if (valence == null) {
                    valence = elongatedValence(lexicon, token.key());
                    elongated = valence != null;
                }
            } else {
                span = 2;
            }
            if (valence == null || valence == 0) {
                continue;
            }
            double v = valence;
            if (elongated) {
                v += Math.signum(v) * BOOSTER_STEP;
            }
            if (mixedCase && token.isShouted()) {
                v += Math.signum(v) * SHOUT_STEP;
            }
            v += boost(tokens, i, v, rules, mixedCase);
            if (negated[i]) {
                v *= NEGATION_FACTOR;
            }
            valences.add(new double[]{i, v});
            i += span - 1;
        }
        return valences;
    }

    /**
     * "sooo goooood", "nuuuul": a word with a letter repeated three times or more is looked up with the run cut to
     * two letters, then to one, and counts as emphasised.
     */
    private static Double elongatedValence(Lexicon lexicon, String key) {
        if (!hasRunOfThree(key)) {
            return null;
        }
        String twice = LETTER_RUN.matcher(key).replaceAll("$1$1");
        Double valence = lexicon.valence(twice);
        return valence != null ? valence : lexicon.valence(LETTER_RUN.matcher(key).replaceAll("$1"));
    }

    private static boolean hasRunOfThree(String key) {
        for (int i = 2; i < key.length(); i++) {
            if (key.charAt(i) == key.charAt(i - 1) && key.charAt(i) == key.charAt(i - 2) && Character.isLetter(key.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The change the intensifiers or softeners in the few words before position i make to valence v. */
    private static double boost(List<Token> tokens, int i, double v, LanguageRules rules, boolean mixedCase) {
        double total = 0;
        for (int distance = 1; distance <= REACH && i - distance >= 0; distance++) {
            Token previous = tokens.get(i - distance);
            if (previous.isBoundary()) {
                break;
            }
            double step = rules.boosters().contains(previous.key()) ? BOOSTER_STEP
                    : rules.dampeners().contains(previous.key()) || isSoftening(tokens, i - distance, rules) ? -BOOSTER_STEP : 0;
            if (step == 0) {
                continue;
            }
            if (mixedCase && previous.isShouted()) {
                step += Math.signum(step) * SHOUT_STEP;
            }
            double fade = distance == 1 ? 1 : distance == 2 ? 0.95 : 0.9;
            total += Math.signum(v) * step * fade;
        }
        return total;
    }

    /** French "un peu" softens ("un peu déçu") where a bare "peu" negates ("peu fiable"). */
    private static boolean isSoftening(List<Token> tokens, int position, LanguageRules rules) {
        return rules == LanguageRules.FRENCH && tokens.get(position).key().equals("peu")
                && position > 0 && tokens.get(position - 1).key().equals("un");
    }

    /**
     * Which tokens are under a negation. A negator reaches the next few words ("not good", "pas content"); in French,
     * "ne" also negates the words between it and its partner ("je ne le recommande pas"), and "plus", "personne",
     * "point" negate only with a "ne" before them ("plus" alone means "more"). Negation stops at punctuation.
     */
    private static boolean[] negatedPositions(List<Token> tokens, LanguageRules rules) {
        boolean[] negated = new boolean[tokens.size()];
        for (int j = 0; j < tokens.size(); j++) {
            Token token = tokens.get(j);
            if (!token.isWord()) {
                continue;
            }
            String key = token.key();
            boolean negator = (rules.negators().contains(key) && !isSoftening(tokens, j, rules))
                    || key.endsWith("n't") || (rules.conditionalNegators().contains(key) && openerBefore(tokens, j, rules));
            if (negator) {
                markForward(tokens, negated, j + 1, j + REACH);
            }
            if (key.equals(rules.negationOpener())) {
                for (int k = j + 1; k <= j + REACH + 1 && k < tokens.size() && !tokens.get(k).isBoundary(); k++) {
                    String closing = tokens.get(k).key();
                    if (rules.negators().contains(closing) || rules.conditionalNegators().contains(closing)) {
                        markForward(tokens, negated, j + 1, k - 1);
                        break;
                    }
                }
            }
        }
        return negated;
    }

    private static boolean openerBefore(List<Token> tokens, int position, LanguageRules rules) {
        for (int k = position - 1; k >= 0 && k >= position - REACH - 1; k--) {
            if (tokens.get(k).isBoundary()) {
                return false;
            }
            if (tokens.get(k).key().equals(rules.negationOpener())) {
                return true;
            }
        }
        return false;
    }

    private static void markForward(List<Token> tokens, boolean[] negated, int from, int to) {
        for (int k = from; k <= to && k < tokens.size(); k++) {
            if (tokens.get(k).isBoundary()) {
                return;
            }
            negated[k] = true;
        }
    }

    /** Sums the valences, halving those before the last "but" and raising those after it. */
    private static double applyContrast(List<Token> tokens, List<double[]> valences, LanguageRules rules) {
        int contrast = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord() && rules.contrasts().contains(tokens.get(i).key())) {
                contrast = i;
            }
        }
        double sum = 0;
        for (double[] positioned : valences) {
            double factor = contrast < 0 ? 1 : positioned[0] < contrast ? BEFORE_CONTRAST : AFTER_CONTRAST;
            sum += positioned[1] * factor;
        }
        return sum;
    }

    private static double exclamationEmphasis(String text) {
        int count = 0;
        for (int i = 0; i < text.length() && count < MAX_EXCLAMATIONS; i++) {
            if (text.charAt(i) == '!') {
                count++;
            }
        }
        return count * EXCLAMATION_STEP;
    }

    private static boolean hasMixedCase(String text) {
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < text.length() && !(upper && lower); i++) {
            char c = text.charAt(i);
            upper |= Character.isUpperCase(c);
            lower |= Character.isLowerCase(c);
        }
        return upper && lower;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
