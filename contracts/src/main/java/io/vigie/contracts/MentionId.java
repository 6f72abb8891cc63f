package io.vigie.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Stable mention ids: the same post fetched twice, by two watches or after a restart, gets the same id,
 * which is the Kafka key and the OpenSearch {@code _id}.
 */
public final class MentionId {

    private static final int HEX_LENGTH = 32;

    private MentionId() {
    }

    /**
     * @param sourceType kind of source ({@code rss}, {@code reddit}, ...); case-insensitive
     * @param nativeId   the source's own id for the post (guid, permalink, post id); used as is
     * @return 32 lower-case hex characters (128 bits of SHA-256)
     */
    public static String of(String sourceType, String nativeId) {
        if (sourceType == null || sourceType.isBlank()) {
            throw new IllegalArgumentException("a mention id needs a source type");
        }
        if (nativeId == null || nativeId.isBlank()) {
            throw new IllegalArgumentException("a mention id needs the source's own id for the post");
        }
        // A separator that cannot appear in a type keeps ("ab","c") and ("a","bc") apart.
        String key = sourceType.strip().toLowerCase(Locale.ROOT) + '\u0000' + nativeId;
        return HexFormat.of().formatHex(sha256(key)).substring(0, HEX_LENGTH);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
