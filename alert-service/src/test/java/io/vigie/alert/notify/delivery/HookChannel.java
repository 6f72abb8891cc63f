package io.vigie.alert.notify.delivery;

import io.vigie.alert.notify.channel.Notification;
import io.vigie.alert.notify.channel.NotificationChannel;

import java.util.function.Consumer;

/** A webhook channel named {@code hook} whose sends each test decides (slow, failing, counted...). */
final class HookChannel implements NotificationChannel {

    private final Consumer<Notification> send;

    HookChannel(Consumer<Notification> send) {
        this.send = send;
    }

    @Override
    public String name() {
        return "hook";
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public void send(Notification notification) {
        send.accept(notification);
    }
}
