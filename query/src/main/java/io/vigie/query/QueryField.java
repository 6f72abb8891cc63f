package io.vigie.query;

import java.util.Arrays;
import java.util.Optional;

/** Where a word is looked for. A word without a field scope is looked for in the title and the text. */
public enum QueryField {
    /** No scope: the title or the text. */
    DEFAULT(null),
    TITLE("title"),
    TEXT("text"),
    /** The author's display name or handle. */
    AUTHOR("author"),
    /** The mention's language code, compared as a whole value ({@code lang:fr}), never split into words. */
    LANG("lang"),
    /** The source's name ("Hacker News", "r/france", a feed title). */
    SOURCE("source");

    private final String prefix;

    QueryField(String prefix) {
        this.prefix = prefix;
    }

    /** The name written before the colon in a query, or {@code null} for {@link #DEFAULT}. */
    public String prefix() {
        return prefix;
    }

    static Optional<QueryField> byPrefix(String name) {
        return Arrays.stream(values()).filter(f -> f.prefix != null && f.prefix.equalsIgnoreCase(name)).findFirst();
    }

    static String names() {
        return "title, text, author, lang, source";
    }
}
