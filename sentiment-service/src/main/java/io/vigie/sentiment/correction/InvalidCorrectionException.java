package io.vigie.sentiment.correction;

/** A correction request the caller got wrong; the message says what and what is accepted. */
public class InvalidCorrectionException extends RuntimeException {

    public InvalidCorrectionException(String message) {
        super(message);
    }
}
