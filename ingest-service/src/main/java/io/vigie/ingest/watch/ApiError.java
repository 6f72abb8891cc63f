package io.vigie.ingest.watch;

/**
 * The body of every error of the ingest API: what was wrong and what to do, the offending field when there is one
 * (e.g. {@code query}, {@code sources[0].credentialRef}) and, for a query that does not parse, the 1-based column.
 */
public record ApiError(String error, String field, Integer column) {

    public static ApiError of(String error) {
        return new ApiError(error, null, null);
    }
}
