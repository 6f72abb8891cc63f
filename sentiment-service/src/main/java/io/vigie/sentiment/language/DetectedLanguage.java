package io.vigie.sentiment.language;

/**
 * Language of a mention as Vigie scores it.
 *
 * @param code       {@code fr}, {@code en} or {@code other}
 * @param confidence in [0, 1]
 */
public record DetectedLanguage(String code, double confidence) {

    public static final String FRENCH = "fr";
    public static final String ENGLISH = "en";
    public static final String OTHER = "other";

    public DetectedLanguage {
        if (!FRENCH.equals(code) && !ENGLISH.equals(code) && !OTHER.equals(code)) {
            throw new IllegalArgumentException("language code must be fr, en or other, was " + code);
        }
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
    }

    /** Maps an ISO 639-1 code from a source (e.g. {@code "fr-FR"}, {@code "de"}) to fr, en or other. */
    public static String normalise(String isoCode) {
        if (isoCode == null || isoCode.isBlank()) {
            return null;
        }
        String lower = isoCode.strip().toLowerCase(java.util.Locale.ROOT);
        if (lower.equals(FRENCH) || lower.startsWith("fr-") || lower.startsWith("fr_")) {
            return FRENCH;
        }
        if (lower.equals(ENGLISH) || lower.startsWith("en-") || lower.startsWith("en_")) {
            return ENGLISH;
        }
        return OTHER;
    }
}
