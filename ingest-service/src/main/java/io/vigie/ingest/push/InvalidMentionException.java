package io.vigie.ingest.push;

/** A pushed or imported item that cannot become a mention; the message says which field and what to send. */
public class InvalidMentionException extends Exception {

    public InvalidMentionException(String message) {
        super(message);
    }
}
