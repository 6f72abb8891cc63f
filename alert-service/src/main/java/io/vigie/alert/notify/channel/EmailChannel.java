package io.vigie.alert.notify.channel;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Email over SMTP: a multipart/alternative message (plain text and HTML, see {@link EmailContent}) to the route's
 * recipients, else the channel's. One {@link JavaMailSenderImpl} per channel, as each has its own server and account.
 * Its Message-ID comes from the idempotency key and an incident's later mails answer its first ({@link MailThread}).
 */
public final class EmailChannel implements NotificationChannel {

    public static final String IDEMPOTENCY_HEADER = "X-Vigie-Idempotency-Key";

    private final String name;
    private final JavaMailSenderImpl sender;
    private final InternetAddress from;
    private final List<String> defaultRecipients;
    private final URI uiBaseUrl;

    public EmailChannel(String name, JavaMailSenderImpl sender, String from, List<String> defaultRecipients,
                        URI uiBaseUrl) {
        this.name = name;
        this.sender = sender;
        this.defaultRecipients = List.copyOf(defaultRecipients);
        this.uiBaseUrl = uiBaseUrl;
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException | NullPointerException e) {
            throw new IllegalStateException("notification channel '" + name + "': from address '" + from
                    + "' is not an email address (vigie.alert.notify.channels." + name + ".from)");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "email";
    }

    @Override
    public void send(Notification notification) {
        List<String> recipients = notification.recipients().isEmpty() ? defaultRecipients : notification.recipients();
        if (recipients.isEmpty()) {
            throw DeliveryFailure.permanentFailure("no recipients: give the route recipients or set"
                    + " vigie.alert.notify.channels." + name + ".recipients");
        }
        EmailContent content = EmailContent.of(notification, uiBaseUrl);
        MailThread thread = MailThread.of(notification, from.getAddress());
        MimeMessage message = new MimeMessage(sender.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // Jakarta Mail would draw a new random id at each send: keep the one derived from the key.
                setHeader("Message-ID", thread.messageId());
            }
        };
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(parse(recipients));
            helper.setSubject(content.subject());
            helper.setText(content.text(), content.html());
            message.setHeader(IDEMPOTENCY_HEADER, notification.idempotencyKey());
            if (thread.inReplyTo() != null) {
                message.setHeader("In-Reply-To", thread.inReplyTo());
                message.setHeader("References", thread.inReplyTo());
            }
            if (!notification.digest() && AlertText.resolved(notification.alert())) {
                // Good news: mail clients may file it as low priority.
                message.setHeader("X-Priority", "5");
            }
        } catch (MessagingException e) {
            throw DeliveryFailure.permanentFailure("could not build the email: " + e.getMessage());
        }
        try {
            sender.send(message);
        } catch (MailParseException | MailPreparationException e) {
            throw DeliveryFailure.permanentFailure("the email was refused as malformed: " + e.getMessage());
        } catch (MailAuthenticationException e) {
            throw DeliveryFailure.transientFailure("SMTP authentication failed at " + sender.getHost() + ":"
                    + sender.getPort() + "; check the username and password of channel '" + name + "'");
        } catch (MailException e) {
            String failure = "SMTP " + sender.getHost() + ":" + sender.getPort() + ": " + AlertText.plain(e.getMessage());
            throw mayHaveArrived(e) ? DeliveryFailure.uncertainFailure(failure + " (the message may have arrived)")
                    : DeliveryFailure.transientFailure(failure);
        }
    }

    /**
     * Whether the server may have taken the message although the send failed: the connection broke or timed out once
     * open (perhaps after the message's final dot, waiting for the server's answer). Not when no connection could be
     * made, nor when the server answered with an error: then it has not taken it.
     */
    static boolean mayHaveArrived(Throwable failure) {
        Deque<Throwable> toSee = new ArrayDeque<>(List.of(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean brokenConnection = false;
        while (!toSee.isEmpty()) {
            Throwable next = toSee.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof ConnectException || next instanceof UnknownHostException
                    || next instanceof SendFailedException
                    // By name: the class is in the mail implementation (Angus), a runtime-only dependency.
                    || next.getClass().getSimpleName().equals("MailConnectException")) {
                return false;
            }
            brokenConnection |= next instanceof SocketException || next instanceof SocketTimeoutException;
            if (next.getCause() != null) {
                toSee.push(next.getCause());
            }
            if (next instanceof MessagingException messaging && messaging.getNextException() != null) {
                toSee.push(messaging.getNextException());
            }
            if (next instanceof MailSendException send) {
                toSee.addAll(List.of(send.getMessageExceptions()));
            }
        }
        return brokenConnection;
    }

    private InternetAddress[] parse(List<String> recipients) {
        InternetAddress[] addresses = new InternetAddress[recipients.size()];
        for (int i = 0; i < addresses.length; i++) {
            try {
                addresses[i] = new InternetAddress(recipients.get(i), true);
            } catch (AddressException e) {
                throw DeliveryFailure.permanentFailure("recipient '" + AlertText.plain(recipients.get(i))
                        + "' is not an email address");
            }
        }
        return addresses;
    }
}
