package io.vigie.alert.notify.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short, stable ids from keys: the first bytes of their SHA-256, in hex. */
public final class KeyHash {

    private KeyHash() {
    }

    /** @param bytes how many bytes of the hash to keep (twice as many hex digits) */
    public static String hex(String key, int bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
