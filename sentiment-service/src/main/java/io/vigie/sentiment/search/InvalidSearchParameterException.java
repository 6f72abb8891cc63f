package io.vigie.sentiment.search;

/** A search parameter the caller got wrong; the message says which and what is accepted. */
public class InvalidSearchParameterException extends RuntimeException {

    private final String parameter;

    public InvalidSearchParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
