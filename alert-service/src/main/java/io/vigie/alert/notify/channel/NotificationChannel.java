package io.vigie.alert.notify.channel;

/** A configured destination of notifications: one Slack workspace webhook, one SMTP account, ... */
public interface NotificationChannel {

    /** The name routes refer to, e.g. {@code slack-comms}. */
    String name();

    /** slack, teams, email or webhook. */
    String type();

    /**
     * Sends one message, once (no retry here: see {@link ResilientChannel}).
     *
     * @throws DeliveryFailure when the receiver did not accept it
     */
    void send(Notification notification);

    /**
     * Readies what the first send would otherwise set up, without contacting the receiver. Best effort.
     *
     * @throws Exception when it could not; the channel works all the same, its first send is only slower
     */
    default void warmUp() throws Exception {
    }
}
