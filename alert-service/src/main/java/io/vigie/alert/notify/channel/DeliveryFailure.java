package io.vigie.alert.notify.channel;

/**
 * A channel could not deliver. The message says what went wrong in terms an operator can act on and never carries a
 * secret (webhook URL, token, password): it is stored in the delivery log and served by the API.
 */
public class DeliveryFailure extends RuntimeException {

    private final boolean permanent;

    private DeliveryFailure(String message, boolean permanent) {
        super(message, null, false, false);
        this.permanent = permanent;
    }

    /** Worth retrying: the receiver is down, slow, overloaded or unreachable. */
    public static DeliveryFailure transientFailure(String message) {
        return new DeliveryFailure(message, false);
    }

    /** Retrying the same message cannot succeed (refused as malformed, forbidden, gone): fix the configuration. */
    public static DeliveryFailure permanentFailure(String message) {
        return new DeliveryFailure(message, true);
    }

    public boolean permanent() {
        return permanent;
    }
}
