package io.vigie.sentiment.model;

import io.vigie.sentiment.scoring.LexiconSentimentModel;
import io.vigie.sentiment.scoring.SentimentModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sentiment model of a version, as {@code vigie.sentiment.model} names it: {@code lexicon-0.1} (the rule layer
 * alone), a trained model shipped in the jar ({@code vigie-lr-0.2}, the default), or one trained with the English
 * encoder ({@code vigie-lr-enc-0.2}), told apart by their files. One place, so the service, the CLI and the evaluation
 * load a version alike.
 */
public final class SentimentModels {

    private SentimentModels() {
    }

    /**
     * The shipped model of that version. The encoder, when the model has one, runs each text on one core: mentions
     * scored side by side (the consumer's concurrency) use the cores better than one text split across them.
     */
    public static SentimentModel load(String version) {
        if (version.equals(LexiconSentimentModel.VERSION)) {
            return LexiconSentimentModel.withBundledLexicons();
        }
        String resource = TrainedSentimentModel.CLASSPATH_FOLDER + version + TrainedSentimentModel.FILE_SUFFIX;
        boolean encoder;
        try (InputStream in = SentimentModels.class.getClassLoader().getResourceAsStream(resource)) {
            encoder = in != null && EncoderSentimentModel.isEncoderModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sentiment model '" + resource + "'", e);
        }
        return encoder ? EncoderSentimentModel.fromClasspath(version, encoderThreads())
                : TrainedSentimentModel.fromClasspath(version);
    }

    /** A model file (either kind); an encoder model's base model comes from the classpath. */
    public static SentimentModel read(Path file) throws IOException {
        boolean encoder;
        try (InputStream in = Files.newInputStream(file)) {
            encoder = EncoderSentimentModel.isEncoderModel(in);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return encoder
                    ? EncoderSentimentModel.read(in, TrainedSentimentModel::fromClasspath,
                    () -> SentenceEncoder.load(encoderThreads()))
                    : TrainedSentimentModel.read(in, LexiconSentimentModel.withBundledLexicons());
        }
    }

    /** Measured on 2 cores: 1 thread a text 207-245 texts/s, 2 threads 180-194/s; 2 callers of 1 thread 380-415/s. */
    private static int encoderThreads() {
        return 1;
    }
}
