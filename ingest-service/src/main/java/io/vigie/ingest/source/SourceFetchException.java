package io.vigie.ingest.source;

/** A whole fetch failed; the message says what was wrong and what the user can check. */
public class SourceFetchException extends Exception {

    public SourceFetchException(String message) {
        super(message);
    }

    public SourceFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
