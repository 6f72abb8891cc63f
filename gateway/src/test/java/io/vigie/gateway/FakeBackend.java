package io.vigie.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stand-in for one Vigie service: answers every request with its own name and the request line it
 * received, so a test can tell which backend got a request and exactly what path and query reached it.
 */
final class FakeBackend {

    private final MockWebServer server = new MockWebServer();

    FakeBackend(String name) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/json")
                        .body("{\"backend\":\"" + name + "\",\"method\":\"" + request.getMethod()
                                + "\",\"target\":\"" + request.getTarget().replace("\"", "\\\"") + "\"}")
                        .build();
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }
}
