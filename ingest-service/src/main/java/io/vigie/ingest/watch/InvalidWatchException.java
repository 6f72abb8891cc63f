package io.vigie.ingest.watch;

/**
 * A watch that cannot be accepted, with what to fix.
 *
 * @see WatchValidator
 */
public class InvalidWatchException extends RuntimeException {

    private final String field;
    private final Integer column;

    public InvalidWatchException(String field, String message) {
        this(field, message, null);
    }

    /** @param column 1-based column in the query text, for a query that does not parse; null otherwise */
    public InvalidWatchException(String field, String message, Integer column) {
        super(message);
        this.field = field;
        this.column = column;
    }

    /** JSON path of the offending field, e.g. {@code query} or {@code sources[1].credentialRef}. */
    public String field() {
        return field;
    }

    public Integer column() {
        return column;
    }
}
