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
}
