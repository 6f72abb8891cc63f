package io.vigie.query;

/**
 * A {@link QueryDocument} split into folded words, lazily and once per field. Not thread-safe: prepare one per thread
 * (it is cheap), then match it against any number of queries.
 */
public final class PreparedDocument {

    private final QueryDocument document;
    private String[][] title;
    private String[][] text;
    private String[][] author;
    private String[][] source;
    private String[][] titleAndText;
    private String language;

    PreparedDocument(QueryDocument document) {
        this.document = document;
    }

    public QueryDocument document() {
        return document;
    }

    /** The word arrays of a field: one per value, so that a phrase never spans the title and the text. */
    String[][] values(QueryField field) {
        return switch (field) {
            case DEFAULT -> {
                if (titleAndText == null) {
                    titleAndText = new String[][] {values(QueryField.TITLE)[0], values(QueryField.TEXT)[0]};
                }
                yield titleAndText;
            }
            case TITLE -> title != null ? title : (title = new String[][] {TextFolding.tokens(document.title())});
            case TEXT -> text != null ? text : (text = new String[][] {TextFolding.tokens(document.text())});
            case AUTHOR -> author != null ? author : (author = new String[][] {
                    TextFolding.tokens(document.authorName()), TextFolding.tokens(document.authorHandle())});
            case SOURCE -> source != null ? source
                    : (source = new String[][] {TextFolding.tokens(document.sourceName())});
            case LANG -> throw new IllegalArgumentException("lang is a whole value, not words");
        };
    }

    String language() {
        if (language == null) {
            language = TextFolding.foldKeyword(document.language());
        }
        return language;
    }
}
