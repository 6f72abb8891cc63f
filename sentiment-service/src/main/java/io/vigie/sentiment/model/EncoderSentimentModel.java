package io.vigie.sentiment.model;

import io.vigie.contracts.Sentiment;
import io.vigie.sentiment.scoring.SentimentModel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The supervised model with the English encoder (ADR 0015): English texts are read by a logistic regression over the
 * base model's features plus the text's sentence embedding ({@link SentenceEncoder}); every other language is scored
 * by the base model, unchanged and under the base model's version (the encoder is English-only). Opt-in by
 * {@code vigie.sentiment.model}: the encoder costs a few milliseconds a mention where the base model costs tens of
 * microseconds.
 */
public final class EncoderSentimentModel implements SentimentModel, AutoCloseable {

    /** The language the encoder reads. */
    static final String LANGUAGE = "en";

    private static final String MAGIC = "vigie-encoder-sentiment-model";
    private static final int FORMAT = 1;

    private final String version;
    private final TrainedSentimentModel base;
    private final LanguageModel english;
    private final float embeddingWeight;
    private final SentenceEncoder encoder;
    private final FeatureExtractor features;

    EncoderSentimentModel(String version, TrainedSentimentModel base, LanguageModel english, float embeddingWeight,
                          SentenceEncoder encoder) {
        this.version = version;
        this.base = base;
        this.english = english;
        this.embeddingWeight = embeddingWeight;
        this.encoder = encoder;
        this.features = new FeatureExtractor(base.rules());
    }

    /**
     * Whether a classpath model file ({@code models/<version>.bin.gz}) is an encoder model: its first field names the
     * format.
     */
    static boolean isEncoderModel(InputStream raw) throws IOException {
        try {
            return MAGIC.equals(new DataInputStream(new GZIPInputStream(raw)).readUTF());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads an encoder model.
     *
     * @param bases   the base model of a version (the file names the version its other languages are scored by)
     * @param encoder loads the encoder, once the file is known to be readable
     */
    static EncoderSentimentModel read(InputStream raw, Function<String, TrainedSentimentModel> bases,
                                      Supplier<SentenceEncoder> encoder) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)));
        String magic = in.readUTF();
        int format = in.readInt();
        if (!MAGIC.equals(magic) || format != FORMAT) {
            throw new IOException("not a Vigie encoder sentiment model of format " + FORMAT + " (found '" + magic
                    + "', " + format + "): retrain it with TrainCommand --encoder");
        }
        String version = in.readUTF();
        String baseVersion = in.readUTF();
        String encoderName = in.readUTF();
        int dimensions = in.readInt();
        int hashBits = in.readInt();
        if (!SentenceEncoder.NAME.equals(encoderName) || dimensions != SentenceEncoder.DIMENSIONS
                || hashBits != FeatureExtractor.HASH_BITS) {
            throw new IOException("model " + version + " was trained on " + encoderName + " (" + dimensions
                    + " dimensions, 2^" + hashBits + " hash buckets), this code reads " + SentenceEncoder.NAME + " ("
                    + SentenceEncoder.DIMENSIONS + ", 2^" + FeatureExtractor.HASH_BITS + "): retrain it");
        }
        float embeddingWeight = in.readFloat();
        LanguageModel english = LanguageModel.read(in);
        return new EncoderSentimentModel(version, bases.apply(baseVersion), english, embeddingWeight, encoder.get());
    }

    /** Same model, same bytes (gzip without a timestamp). */
    public void write(OutputStream raw) throws IOException {
        GZIPOutputStream gzip = new GZIPOutputStream(raw);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gzip));
        out.writeUTF(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(version);
        out.writeUTF(base.version());
        out.writeUTF(SentenceEncoder.NAME);
        out.writeInt(SentenceEncoder.DIMENSIONS);
        out.writeInt(FeatureExtractor.HASH_BITS);
        out.writeFloat(embeddingWeight);
        english.write(out);
        out.flush();
        gzip.finish();
    }

    /** Loads {@code models/<version>.bin.gz}, its base model and the encoder from the classpath. */
    static EncoderSentimentModel fromClasspath(String version, int encoderThreads) {
        String resource = TrainedSentimentModel.CLASSPATH_FOLDER + version + TrainedSentimentModel.FILE_SUFFIX;
        try (InputStream in = EncoderSentimentModel.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("sentiment model '" + resource + "' is not on the classpath");
            }
            return read(in, TrainedSentimentModel::fromClasspath, () -> SentenceEncoder.load(encoderThreads));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sentiment model '" + resource + "'", e);
        }
    }

    @Override
    public String version() {
        return version;
    }

    /** The model French (and every language but English) is scored by. */
    public String baseVersion() {
        return base.version();
    }

    @Override
    public Sentiment score(String text, String language) {
        if (!LANGUAGE.equals(language)) {
            return base.score(text, language);
        }
        return TrainedSentimentModel.sentiment(english.probabilities(
                features.extract(text, language, encoder.encode(text), embeddingWeight)), version);
    }

    @Override
    public void close() {
        encoder.close();
    }
}
