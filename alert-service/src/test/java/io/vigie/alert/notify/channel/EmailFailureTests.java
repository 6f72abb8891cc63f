package io.vigie.alert.notify.channel;

import io.vigie.alert.notify.TestAlerts;
import io.vigie.contracts.AlertStatus;
import io.vigie.contracts.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Which SMTP failures may hide a mail that arrived, against sockets on 127.0.0.1: a server that takes the whole
 * message and never answers its final dot (the mail may be on its way), and a port nobody listens on (nothing sent).
 */
class EmailFailureTests {

    private static final Notification MAIL = new Notification("w:1:open:high", "w", "Acme",
            List.of(TestAlerts.alert("w", "w:1", Severity.HIGH, AlertStatus.OPEN)), List.of(), false);
    private final CountDownLatch release = new CountDownLatch(1);
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void noAnswerToTheFinalDotMayHaveArrived() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CountDownLatch messageTaken = new CountDownLatch(1);
        Thread smtp = new Thread(() -> silentAfterData(messageTaken), "silent-smtp");
        smtp.setDaemon(true);
        smtp.start();

        DeliveryFailure failure = send(server.getLocalPort());

        assertThat(messageTaken.await(5, TimeUnit.SECONDS)).as("the server got the whole message").isTrue();
        assertThat(failure.permanent()).isFalse();
        assertThat(failure.mayHaveArrived()).isTrue();
        assertThat(failure.getMessage()).contains("may have arrived");
    }

    @Test
    void aRefusedConnectionSentNothing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        DeliveryFailure failure = send(closedPort);

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.mayHaveArrived()).isFalse();
    }

    private static DeliveryFailure send(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties smtp = new Properties();
        smtp.put("mail.smtp.connectiontimeout", "2000");
        smtp.put("mail.smtp.timeout", "500");
        sender.setJavaMailProperties(smtp);
        EmailChannel channel = new EmailChannel("mail", sender, "alerts@vigie.example.org", List.of("comms@example.com"),
                URI.create("http://127.0.0.1:8080/"));
        return catchThrowableOfType(DeliveryFailure.class, () -> channel.send(MAIL));
    }

    /** Speaks SMTP up to the message's final dot, then says nothing more. */
    private void silentAfterData(CountDownLatch messageTaken) {
        try (Socket client = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            reply(out, "220 silent.example ESMTP");
            for (String line; (line = in.readLine()) != null; ) {
                String command = line.toUpperCase(java.util.Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 silent.example");
                } else if (command.startsWith("MAIL") || command.startsWith("RCPT")) {
                    reply(out, "250 OK");
                } else if (command.startsWith("DATA")) {
                    reply(out, "354 go on");
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        // the message
                    }
                    messageTaken.countDown();
                    release.await();
                    return;
                } else {
                    reply(out, "250 OK");
                }
            }
        } catch (IOException | InterruptedException e) {
            // The test is over.
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
