package io.vigie.alert.notify.channel;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up makes real HTTP exchanges, answered by its own loopback socket. */
class HttpClientWarmUpTests {

    @Test
    void everyExchangeIsAnsweredByTheWarmUpsOwnLoopbackSocket() throws Exception {
        assertThat(HttpClientWarmUp.run(HttpClient.newHttpClient(), 3, Duration.ofSeconds(5))).isEqualTo(3);
    }
}
