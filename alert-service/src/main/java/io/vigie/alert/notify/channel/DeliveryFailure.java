package io.vigie.alert.notify.channel;

/**
 * A channel could not deliver. The message says what went wrong in terms an operator can act on and never carries a
 * secret (webhook URL, token, password): it is stored in the delivery log and served by the API.
 */
public class DeliveryFailure extends RuntimeException {

    private final boolean permanent;
    private final boolean mayHaveArrived;

    private DeliveryFailure(String message, boolean permanent, boolean mayHaveArrived) {
        super(message, null, false, false);
        this.permanent = permanent;
        this.mayHaveArrived = mayHaveArrived;
    }

    /** Worth retrying, and the message did not arrive: the receiver is down, overloaded or unreachable. */
    public static DeliveryFailure transientFailure(String message) {
        return new DeliveryFailure(message, false, false);
    }

    /**
     * Worth retrying, but the message may have arrived: it was sent and no answer came back (a timeout, a connection
     * cut mid-answer). The next attempt is marked as a possible repeat for receivers that cannot drop one.
     */
    public static DeliveryFailure uncertainFailure(String message) {
        return new DeliveryFailure(message, false, true);
    }

    /** Retrying the same message cannot succeed (refused as malformed, forbidden, gone): fix the configuration. */
    public static DeliveryFailure permanentFailure(String message) {
        return new DeliveryFailure(message, true, false);
    }

    public boolean permanent() {
        return permanent;
    }

    /** Whether the receiver may have got the message although the call failed. */
    public boolean mayHaveArrived() {
        return mayHaveArrived;
    }
}
