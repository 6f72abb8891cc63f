package io.vigie.ingest.watch;

/** A watch with this id already exists. */
public class WatchConflictException extends RuntimeException {

    public WatchConflictException(String id) {
        super("watch '" + id + "' already exists; change it with PUT /api/watches/" + id + " or pick another id");
    }
}
