package io.vigie.ingest.watch;

/** No watch has this id. */
public class WatchNotFoundException extends RuntimeException {

    public WatchNotFoundException(String id) {
        super("no watch '" + id + "'; GET /api/watches lists them");
    }
}
