package io.vigie.alert.window;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The distinct stories seen in one window, as a sorted set of 64-bit fingerprints. Immutable.
 *
 * <p>Ingest's fingerprints are 64-bit SimHashes written as 16 hex characters, so a {@code long} holds one exactly; any
 * other string (none is written today) is hashed to 64 bits. Held as numbers rather than strings because every mention
 * reads, extends and writes its window's set once per window size: as a list of strings, reading and writing the set
 * was most of the stream thread's time on busy windows (JFR, dense bench).
 */
public final class StoryFingerprints {

    public static final StoryFingerprints NONE = new StoryFingerprints(new long[0]);

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long[] sorted;

    private StoryFingerprints(long[] sorted) {
        this.sorted = sorted;
    }

    /** The set of the given fingerprints (any order, repeats allowed). */
    public static StoryFingerprints of(long... fingerprints) {
        if (fingerprints.length == 0) {
            return NONE;
        }
        long[] copy = fingerprints.clone();
        Arrays.sort(copy);
        int distinct = 1;
        for (int i = 1; i < copy.length; i++) {
            if (copy[i] != copy[distinct - 1]) {
                copy[distinct++] = copy[i];
            }
        }
        return new StoryFingerprints(distinct == copy.length ? copy : Arrays.copyOf(copy, distinct));
    }

    /** The number a fingerprint string is kept as: its value when it is 16 hex digits, else a 64-bit FNV-1a hash. */
    public static long numberOf(String fingerprint) {
        if (fingerprint.length() == 16 && isHex(fingerprint)) {
            return HexFormat.fromHexDigitsToLong(fingerprint);
        }
        long hash = FNV_OFFSET;
        for (int i = 0; i < fingerprint.length(); i++) {
            hash = (hash ^ fingerprint.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    public boolean contains(long fingerprint) {
        return Arrays.binarySearch(sorted, fingerprint) >= 0;
    }

    /** This set with one more fingerprint (the same set when it is already in). */
    public StoryFingerprints with(long fingerprint) {
        int at = Arrays.binarySearch(sorted, fingerprint);
        if (at >= 0) {
            return this;
        }
        int insert = -at - 1;
        long[] grown = new long[sorted.length + 1];
        System.arraycopy(sorted, 0, grown, 0, insert);
        grown[insert] = fingerprint;
        System.arraycopy(sorted, insert, grown, insert + 1, sorted.length - insert);
        return new StoryFingerprints(grown);
    }

    public int size() {
        return sorted.length;
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    /** The fingerprint at {@code index} in ascending order. */
    public long get(int index) {
        return sorted[index];
    }

    /** The fingerprints as 16 hex digits each, ascending: the JSON form of earlier versions. */
    public String[] toHexStrings() {
        HexFormat hex = HexFormat.of();
        return Arrays.stream(sorted).mapToObj(hex::toHexDigits).toArray(String[]::new);
    }

    private static boolean isHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!HexFormat.isHexDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoryFingerprints that && Arrays.equals(sorted, that.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return "StoryFingerprints" + Arrays.toString(toHexStrings());
    }
}
