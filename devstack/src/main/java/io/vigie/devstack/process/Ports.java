package io.vigie.devstack.process;

import io.vigie.devstack.DevStackException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port checks: devstack binds 127.0.0.1 only. */
public final class Ports {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Ports() {
    }

    /**
     * Fails when something already listens on {@code port}, naming the variable that moves the listener elsewhere.
     * Checked by binding, as the server will: a socket listening on any address covering 127.0.0.1 makes it fail.
     */
    public static void requireFree(int port, String variable) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same as the servers: a port whose last connections linger in TIME_WAIT is free to listen on.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            throw new DevStackException(inUseMessage(port, variable), e);
        }
    }

    public static String inUseMessage(int port, String variable) {
        return "port " + port + " is already in use by another process; set " + variable + " to a free port";
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
