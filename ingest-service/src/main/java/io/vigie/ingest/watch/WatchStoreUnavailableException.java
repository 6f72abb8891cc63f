package io.vigie.ingest.watch;

/** The watch topic could not be read or written; the message says what to check. */
public class WatchStoreUnavailableException extends RuntimeException {

    public WatchStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
