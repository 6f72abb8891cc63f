package io.vigie.alert.notify.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Makes an HTTP client ready before the first alert needs it. A channel's first requests in a process took 0.5-0.8 s
 * each (the JDK's HTTP classes loaded and linked, several senders at once) against 30-70 ms afterwards, so the first
 * incident after a start reached Slack or a webhook late (bench/README.md, notification latency). A few POSTs to a
 * socket of its own on the loopback interface, answered here: nothing leaves the machine and no receiver sees a test
 * message.
 */
final class HttpClientWarmUp {

    private static final byte[] BODY = "{\"warmUp\":true}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ANSWER = ("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private HttpClientWarmUp() {
    }

    /**
     * @param client    the client to warm up, the channel's own
     * @param exchanges POSTs to make, one after the other
     * @param timeout   for each of them
     * @return how many were answered 204
     */
    static int run(HttpClient client, int exchanges, Duration timeout) throws IOException, InterruptedException {
        try (ServerSocket server = new ServerSocket(0, exchanges, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) timeout.toMillis());
            Thread answerer = new Thread(() -> answer(server, exchanges), "notify-warm-up-answerer");
            answerer.setDaemon(true);
            answerer.start();
            URI url = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                    + server.getLocalPort() + "/warm-up");
            int answered = 0;
            for (int i = 0; i < exchanges; i++) {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build();
                if (client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 204) {
                    answered++;
                }
            }
            answerer.join(timeout.toMillis());
            return answered;
        }
    }

    private static void answer(ServerSocket server, int exchanges) {
        for (int i = 0; i < exchanges; i++) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                in.readNBytes(contentLength(head));
                OutputStream out = socket.getOutputStream();
                out.write(ANSWER);
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b; matched < end.length && (b = in.read()) != -1; ) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == end[0] ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }
}
