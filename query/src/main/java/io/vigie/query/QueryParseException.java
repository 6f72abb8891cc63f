package io.vigie.query;

/**
 * A query that does not parse. {@link #column()} is 1-based and points at the character where the problem was found;
 * {@link #reason()} says what was expected there, in words a user can act on.
 */
public class QueryParseException extends IllegalArgumentException {

    private final int column;
    private final String reason;

    public QueryParseException(int column, String reason) {
        super("column " + column + ": " + reason);
        this.column = column;
        this.reason = reason;
    }

    /** 1-based column of the problem in the query text. */
    public int column() {
        return column;
    }

    /** What was wrong, without the column. */
    public String reason() {
        return reason;
    }
}
