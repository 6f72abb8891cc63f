package io.vigie.sentiment.language;

/** Tells which language a mention is written in; a seam for a learned detector later. */
public interface LanguageDetector {

    /**
     * @param text             the mention's text (title included when there is one)
     * @param declaredLanguage the language the source declared (ISO 639-1), or null; used when the text is too short
     *                         to tell
     */
    DetectedLanguage detect(String text, String declaredLanguage);
}
