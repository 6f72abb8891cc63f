package io.vigie.devstack;

/**
 * A failure the user can act on: the message says what went wrong and what to do (which port to change, which log
 * file to read). The CLI prints it as is.
 */
public class DevStackException extends RuntimeException {

    public DevStackException(String message) {
        super(message);
    }

    public DevStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
