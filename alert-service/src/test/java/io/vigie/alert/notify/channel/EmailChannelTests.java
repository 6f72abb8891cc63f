package io.vigie.alert.notify.channel;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vigie.alert.notify.TestAlerts;
import io.vigie.alert.notify.delivery.Delivery;
import io.vigie.contracts.AlertRaised;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The email channel against a real SMTP server (GreenMail): the ids that make a re-send one message and a thread. */
class EmailChannelTests {

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private EmailChannel channel;

    @BeforeEach
    void start() {
        smtp.start();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        channel = new EmailChannel("mail", sender, "alerts@vigie.example.org", List.of("comms@example.com"),
                URI.create("http://127.0.0.1:8080/"));
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void aMailSentAgainIsTheSameMessageAndAnIncidentsLaterMailsAnswerItsFirst() throws Exception {
        AlertRaised opened = TestAlerts.alert("nuvelia", "nuvelia:negative-surge:2025-03-30T00:00:00Z",
                Severity.MEDIUM, AlertStatus.OPEN);
        AlertRaised escalated = TestAlerts.alert("nuvelia", opened.id(), Severity.HIGH, AlertStatus.ESCALATED);
        AlertRaised other = TestAlerts.alert("nuvelia", "nuvelia:volume-spike:2025-03-30T00:00:00Z",
                Severity.HIGH, AlertStatus.OPEN);

        channel.send(single(opened));
        // As after a crash between the server's answer and the delivery recorded sent: the same notification again.
        channel.send(single(opened));
        channel.send(single(escalated));
        channel.send(single(other));
        channel.send(new Notification("digest:0a1b2c", "nuvelia", "Nuvelia", List.of(opened, escalated), List.of(),
                true));

        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(5);
        String first = mails[0].getMessageID();
        assertThat(first).matches("<nuvelia\\.negative-surge\\.2025-03-30t00\\.00\\.00z\\.[0-9a-f]{12}"
                + "@vigie\\.example\\.org>");
        assertThat(mails[1].getMessageID()).isEqualTo(first);
        assertThat(mails[0].getHeader("In-Reply-To")).isNull();
        assertThat(mails[2].getMessageID()).isNotEqualTo(first).contains(".escalated.high.");
        assertThat(mails[2].getHeader("In-Reply-To")).containsExactly(first);
        assertThat(mails[2].getHeader("References")).containsExactly(first);
        assertThat(mails[3].getMessageID()).isNotIn(first, mails[2].getMessageID());
        assertThat(mails[3].getHeader("In-Reply-To")).isNull();
        assertThat(mails[4].getMessageID()).startsWith("<digest.0a1b2c.").endsWith("@vigie.example.org>");
        assertThat(mails[4].getHeader("In-Reply-To")).isNull();
    }

    @Test
    void keysThatReadTheSameOnceCleanedStillGetTheirOwnIds() {
        assertThat(MailThread.id("a:b", "example.org")).isNotEqualTo(MailThread.id("a.b", "example.org"))
                .startsWith("<a.b.");
        assertThat(MailThread.id("::", "example.org")).matches("<[0-9a-f]{12}@example\\.org>");
    }

    private static Notification single(AlertRaised alert) {
        return new Notification(Delivery.idempotencyKey(alert), alert.watchId(),
                "Nuvelia", List.of(alert), List.of(), false);
    }
}
