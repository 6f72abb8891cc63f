package io.vigie.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.devstack.DevStackException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aPortSomeoneListensOnIsAnErrorNamingThePortAndTheVariable() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();

            assertThatThrownBy(() -> Ports.requireFree(port, "VIGIE_KAFKA_PORT"))
                    .isInstanceOf(DevStackException.class)
                    .hasMessage("port " + port + " is already in use by another process; set VIGIE_KAFKA_PORT to a free port");
        }
    }

    @Test
    void aListenerOnAllAddressesTakesTheLoopbackPortToo() throws IOException {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(0));
            int port = other.getLocalPort();

            assertThatThrownBy(() -> Ports.requireFree(port, "VIGIE_OPENSEARCH_PORT"))
                    .hasMessageContaining("port " + port + " is already in use");
        }
    }

    @Test
    void aFreePortPassesAndIsNotListening() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }

        assertThatCode(() -> Ports.requireFree(port, "VIGIE_KAFKA_PORT")).doesNotThrowAnyException();
        assertThat(Ports.isListening(port)).isFalse();
    }

    @Test
    void seesAListener() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(Ports.isListening(listener.getLocalPort())).isTrue();
        }
    }
}
