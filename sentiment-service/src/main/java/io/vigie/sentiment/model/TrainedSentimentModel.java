package io.vigie.sentiment.model;

import io.vigie.contracts.Sentiment;
import io.vigie.contracts.SentimentLabel;
import io.vigie.sentiment.scoring.LexiconSentimentModel;
import io.vigie.sentiment.scoring.SentimentModel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The supervised sentiment model: per language, a logistic regression over hashed n-grams and the rule layer's score.
 * Label is the most probable class, score is P(positive) - P(negative) in [-1, 1], confidence the winning probability.
 * Languages it has no model for are {@code unsupported}, with no score.
 */
public final class TrainedSentimentModel implements SentimentModel {

    /** The classpath folder trained models ship in: {@code models/<version>.bin.gz}. */
    public static final String CLASSPATH_FOLDER = "models/";
    public static final String FILE_SUFFIX = ".bin.gz";

    private static final String MAGIC = "vigie-sentiment-model";
    /**
     * 3: each language's model followed by its long-text model, if any (ADR 0016); 2 had the features of vigie-lr-0.2
     * (lexicon tokens, valence share, long-text copies) and one model per language; 1 was vigie-lr-0.1's.
     */
    private static final int FORMAT = 3;

    private final String version;
    private final Map<String, LanguageModel> languages;
    private final Map<String, LongTextModel> longText;
    private final LexiconSentimentModel rules;
    private final FeatureExtractor features;

    /**
     * A language's model for long texts (reviews): trained on the same examples as the language's model, with the
     * long-text copy of the features scaled by the language's log-count ratios. Short texts never reach it.
     */
    record LongTextModel(LogCountRatios ratios, LanguageModel model) {
    }

    /**
     * @param languages the model of each language, which reads every text of it unless a long-text model takes over
     * @param longText  the long-text model of the languages that have one
     */
    TrainedSentimentModel(String version, Map<String, LanguageModel> languages, Map<String, LongTextModel> longText,
                          LexiconSentimentModel rules) {
        this.version = version;
        this.languages = new TreeMap<>(languages);
        this.longText = new TreeMap<>(longText);
        this.rules = rules;
        this.features = new FeatureExtractor(rules);
    }

    /** Loads {@code models/<version>.bin.gz} from the classpath, with the bundled lexicons as the rule layer. */
    public static TrainedSentimentModel fromClasspath(String version) {
        String resource = CLASSPATH_FOLDER + version + FILE_SUFFIX;
        try (InputStream in = TrainedSentimentModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("sentiment model '" + resource + "' is not on the classpath: set "
                        + "vigie.sentiment.model to a shipped version, or train one with io.vigie.sentiment.model.TrainCommand");
            }
            return read(in, LexiconSentimentModel.withBundledLexicons());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sentiment model '" + resource + "'", e);
        }
    }

    static TrainedSentimentModel read(InputStream raw, LexiconSentimentModel rules) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)));
        String magic = in.readUTF();
        if (!MAGIC.equals(magic) && magic.startsWith("vigie-encoder")) {
            throw new IOException("this is a model with the English encoder: load it with SentimentModels.load or "
                    + "SentimentModels.read");
        }
        int format = in.readInt();
        if (!MAGIC.equals(magic) || format != FORMAT) {
            throw new IOException("not a Vigie sentiment model of format " + FORMAT + " (found '" + magic + "', "
                    + format + "): models of another format were trained on other features; retrain it");
        }
        String version = in.readUTF();
        int hashBits = in.readInt();
        if (hashBits != FeatureExtractor.HASH_BITS) {
            throw new IOException("model " + version + " hashes features into 2^" + hashBits + " buckets, this code into 2^"
                    + FeatureExtractor.HASH_BITS + ": retrain it");
        }
        int count = in.readInt();
        Map<String, LanguageModel> languages = new TreeMap<>();
        Map<String, LongTextModel> longText = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String language = in.readUTF();
            languages.put(language, LanguageModel.read(in));
            if (in.readBoolean()) {
                longText.put(language, new LongTextModel(LogCountRatios.read(in), LanguageModel.read(in)));
            }
        }
        return new TrainedSentimentModel(version, languages, longText, rules);
    }

    /** Writes the model; the same model always gives the same bytes (gzip without a timestamp, languages in order). */
    public void write(OutputStream raw) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(raw);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gzip));
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(version);
        out.writeInt(FeatureExtractor.HASH_BITS);
        out.writeInt(languages.size());
        for (Map.Entry<String, LanguageModel> entry : languages.entrySet()) {
            out.writeUTF(entry.getKey());
            entry.getValue().write(out);
            LongTextModel own = longText.get(entry.getKey());
            out.writeBoolean(own != null);
            if (own != null) {
                own.ratios().write(out);
                own.model().write(out);
            }
        }
        out.flush();
        gzip.finish();
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Sentiment score(String text, String language) {
        LanguageModel model = languages.get(language);
        if (model == null) {
            return new Sentiment(SentimentLabel.UNSUPPORTED, null, null, version);
        }
        return sentiment(probabilities(text, language, model), version);
    }

    /** Label (the most probable class), score P(positive) - P(negative) and confidence from class probabilities. */
    static Sentiment sentiment(double[] p, String version) {
        int best = p[0] >= p[1] && p[0] >= p[2] ? LabelledExample.NEGATIVE
                : p[1] >= p[2] ? LabelledExample.NEUTRAL : LabelledExample.POSITIVE;
        SentimentLabel label = switch (best) {
            case LabelledExample.NEGATIVE -> SentimentLabel.NEGATIVE;
            case LabelledExample.NEUTRAL -> SentimentLabel.NEUTRAL;
            default -> SentimentLabel.POSITIVE;
        };
        return new Sentiment(label, round(p[2] - p[0]), round(p[best]), version);
    }

    double[] probabilities(String text, String language, LanguageModel model) {
        LongTextModel longModel = longText.get(language);
        if (longModel == null) {
            return model.probabilities(features.extract(text, language));
        }
        // A short text has no long-text copy to scale: its features are the same either way.
        FeatureExtractor.Features extracted = features.extract(text, language, longModel.ratios());
        return (extracted.longText() ? longModel.model() : model).probabilities(extracted.vector());
    }

    Map<String, LanguageModel> languages() {
        return languages;
    }

    LexiconSentimentModel rules() {
        return rules;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
