package io.vigie.alert.notify.channel;

import io.vigie.contracts.AlertStatus;

import java.util.Locale;

/**
 * The Message-ID of an alert's email and the mail it answers. The id is derived from the notification's idempotency
 * key, not drawn at random: if alert-service stops after the SMTP server took a message but before the delivery was
 * recorded {@code sent}, the message sent again after the lease is the same message, which mail systems that drop
 * repeated Message-IDs (Gmail among them) show once. An incident's first mail (its opening) has the incident's own
 * id; its escalations, updates and resolution answer it ({@code In-Reply-To}, {@code References}), so a mail client
 * shows an incident as one conversation. A digest stands alone.
 *
 * @param messageId the {@code Message-ID} header, angle brackets included
 * @param inReplyTo the {@code In-Reply-To} and {@code References} header, or null
 */
record MailThread(String messageId, String inReplyTo) {

    /** @param fromAddress the channel's sender address, whose domain the ids use */
    static MailThread of(Notification notification, String fromAddress) {
        String domain = domain(fromAddress);
        if (notification.digest()) {
            return new MailThread(id(notification.idempotencyKey(), domain), null);
        }
        String incident = id(notification.alert().id(), domain);
        if (notification.alert().effectiveStatus() == AlertStatus.OPEN) {
            return new MailThread(incident, null);
        }
        return new MailThread(id(notification.idempotencyKey(), domain), incident);
    }

    /**
     * {@code <readable.part.hash@domain>}: the key with every character a Message-ID may not hold turned into a dot,
     * and a hash of the exact key, so two keys that read the same after that never share an id.
     */
    static String id(String key, String domain) {
        String readable = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", ".").replaceAll("^\\.|\\.$", "");
        String hash = KeyHash.hex(key, 6);
        return "<" + (readable.isEmpty() ? hash : readable + "." + hash) + "@" + domain + ">";
    }

    private static String domain(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        String domain = at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
        return domain.matches("[a-z0-9-]+(\\.[a-z0-9-]+)*") ? domain : "vigie.invalid";
    }
}
