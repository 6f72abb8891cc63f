package io.vigie.alert.window;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The distinct stories seen in one window: a sorted set of 64-bit fingerprints up to {@link #EXACT_LIMIT} of them,
 * past that a HyperLogLog sketch of {@link #REGISTERS} one-byte registers that estimates their number (standard
 * error about 4.6 %). Immutable; {@link Builder} adds a batch.
 *
 * <p>Ingest's fingerprints are 64-bit SimHashes written as 16 hex characters, so a {@code long} holds one exactly; any
 * other string (none is written today) is hashed to 64 bits. Held as numbers rather than strings because every mention
 * reads, extends and writes its window's set once per window size: as a list of strings, reading and writing the set
 * was most of the stream thread's time on busy windows (JFR, dense bench). The sketch keeps a busy window's state
 * small (a window's tally is written to its changelog at every commit, ten times a second on a live stream) and its
 * count right: an exact set capped at 256 counted every mention past the cap as a new story, so syndicated copies
 * inflated exactly the windows where a spike is judged.
 */
public final class StoryFingerprints {

    public static final StoryFingerprints NONE = new StoryFingerprints(new long[0], null);

    /** Fingerprints kept exactly; the next distinct one turns the set into a sketch (8 bytes each against 512). */
    public static final int EXACT_LIMIT = 128;
    /** 2^9 registers: 512 bytes, standard error 1.04 / sqrt(512). */
    static final int PRECISION = 9;
    public static final int REGISTERS = 1 << PRECISION;
    private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);
    private static final double[] INVERSE_POWERS = new double[66];

    static {
        for (int i = 0; i < INVERSE_POWERS.length; i++) {
            INVERSE_POWERS[i] = Math.scalb(1.0, -i);
        }
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long[] sorted;
    /** Null while exact. */
    private final byte[] registers;
    private final long count;

    private StoryFingerprints(long[] sorted, byte[] registers) {
        this.sorted = sorted;
        this.registers = registers;
        this.count = registers == null ? sorted.length : estimate(registers);
    }

    /** The set of the given fingerprints (any order, repeats allowed); a sketch when more than the limit are distinct. */
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
        if (distinct > EXACT_LIMIT) {
            return new StoryFingerprints(new long[0], registersOf(copy, distinct));
        }
        return new StoryFingerprints(distinct == copy.length ? copy : Arrays.copyOf(copy, distinct), null);
    }

    /** A sketch from its registers, as {@link #registers()} gave them. */
    public static StoryFingerprints sketch(byte[] registers) {
        if (registers.length != REGISTERS) {
            throw new IllegalArgumentException("a story sketch has " + REGISTERS + " registers, not "
                    + registers.length);
        }
        int maxRank = 64 - PRECISION + 1;
        for (byte register : registers) {
            if (register < 0 || register > maxRank) {
                throw new IllegalArgumentException("story sketch register out of range: " + register);
            }
        }
        return new StoryFingerprints(new long[0], registers.clone());
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

    /** Whether the set holds the fingerprint; a sketch cannot tell and says false. */
    public boolean contains(long fingerprint) {
        return registers == null && Arrays.binarySearch(sorted, fingerprint) >= 0;
    }

    /** This set with one more fingerprint (the same set when it is already in). */
    public StoryFingerprints with(long fingerprint) {
        Builder builder = builder();
        builder.add(fingerprint);
        return builder.build();
    }

    /** A builder that starts from this set and copies it once, whatever the number of fingerprints added. */
    public Builder builder() {
        return new Builder(this);
    }

    /** Distinct fingerprints: exact below the limit, the sketch's estimate past it. */
    public long count() {
        return count;
    }

    public boolean isSketch() {
        return registers != null;
    }

    /** Fingerprints held exactly (0 for a sketch). */
    public int size() {
        return sorted.length;
    }

    public boolean isEmpty() {
        return registers == null && sorted.length == 0;
    }

    /** The fingerprint at {@code index} in ascending order. */
    public long get(int index) {
        return sorted[index];
    }

    /** A copy of the sketch's registers; null while exact. */
    public byte[] registers() {
        return registers == null ? null : registers.clone();
    }

    /** Adds fingerprints to a set, copying it once. One thread. */
    public static final class Builder {

        private final StoryFingerprints start;
        private long[] exact;
        private int size;
        private byte[] registers;
        private boolean changed;

        private Builder(StoryFingerprints start) {
            this.start = start;
            this.exact = start.sorted;
            this.size = start.sorted.length;
            this.registers = start.registers;
        }

        public void add(long fingerprint) {
            if (registers != null) {
                long hash = mix(fingerprint);
                byte rank = rankOf(hash);
                int index = indexOf(hash);
                if (rank <= registers[index]) {
                    return;
                }
                if (!changed) {
                    registers = registers.clone();
                    changed = true;
                }
                registers[index] = rank;
                return;
            }
            int at = Arrays.binarySearch(exact, 0, size, fingerprint);
            if (at >= 0) {
                return;
            }
            if (size >= EXACT_LIMIT) {
                registers = registersOf(exact, size);
                addTo(registers, fingerprint);
                exact = new long[0];
                size = 0;
                changed = true;
                return;
            }
            if (!changed || size == exact.length) {
                exact = Arrays.copyOf(exact, Math.min(EXACT_LIMIT, Math.max(size + 1, size * 2)));
                changed = true;
            }
            int insert = -at - 1;
            System.arraycopy(exact, insert, exact, insert + 1, size - insert);
            exact[insert] = fingerprint;
            size++;
        }

        public StoryFingerprints build() {
            if (!changed) {
                return start;
            }
            return registers != null ? new StoryFingerprints(new long[0], registers)
                    : new StoryFingerprints(size == exact.length ? exact : Arrays.copyOf(exact, size), null);
        }
    }

    /** A sketch's registers filled with the first {@code count} fingerprints. */
    private static byte[] registersOf(long[] fingerprints, int count) {
        byte[] registers = new byte[REGISTERS];
        for (int i = 0; i < count; i++) {
            addTo(registers, fingerprints[i]);
        }
        return registers;
    }

    private static void addTo(byte[] registers, long fingerprint) {
        long hash = mix(fingerprint);
        int index = indexOf(hash);
        registers[index] = (byte) Math.max(registers[index], rankOf(hash));
    }

    private static int indexOf(long hash) {
        return (int) (hash >>> (64 - PRECISION));
    }

    /** 1 + the leading zeros of the bits after the index, at most 64 - PRECISION + 1. */
    private static byte rankOf(long hash) {
        return (byte) (Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1);
    }

    /** SplitMix64's finaliser: SimHashes of similar texts share most bits, and the sketch needs evenly spread hashes. */
    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** HyperLogLog's estimate, with linear counting while registers are still empty and it is in its range. */
    private static long estimate(byte[] registers) {
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += INVERSE_POWERS[register];
            zeros += register == 0 ? 1 : 0;
        }
        double raw = ALPHA * REGISTERS * (double) REGISTERS / sum;
        if (raw <= 2.5 * REGISTERS && zeros > 0) {
            return Math.round(REGISTERS * Math.log((double) REGISTERS / zeros));
        }
        return Math.round(raw);
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
        return other instanceof StoryFingerprints that && Arrays.equals(sorted, that.sorted)
                && Arrays.equals(registers, that.registers);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sorted) + Arrays.hashCode(registers);
    }

    @Override
    public String toString() {
        return registers != null ? "StoryFingerprints[sketch, about " + count + "]"
                : "StoryFingerprints" + Arrays.toString(toHexStrings());
    }
}
