package io.vigie.sentiment.model;

/**
 * One labelled text.
 *
 * @param text     the text
 * @param language {@code fr} or {@code en}
 * @param label    {@link #NEGATIVE}, {@link #NEUTRAL} or {@link #POSITIVE}
 * @param twoClass whether it comes from a set without a neutral class (reviews): a neutral prediction is then wrong
 */
public record LabelledExample(String text, String language, int label, boolean twoClass) {

    public static final int NEGATIVE = 0;
    public static final int NEUTRAL = 1;
    public static final int POSITIVE = 2;
    public static final int CLASSES = 3;

    public LabelledExample {
        if (label < NEGATIVE || label > POSITIVE) {
            throw new IllegalArgumentException("label must be 0 (negative), 1 (neutral) or 2 (positive), was " + label);
        }
    }
}
