package io.vigie.alert.notify;

import io.vigie.alert.notify.delivery.DeliveryStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of the notification consumer wait for OpenSearch forever, and which give up after a few tries. */
class NotifyErrorHandlingTests {

    @Test
    void anUnreachableOrOverloadedOpenSearchIsWaitedFor() {
        assertThat(NotifyConfiguration.unavailable(failed(new UncheckedIOException("could not store",
                new IOException("Connection refused"))))).isTrue();
        assertThat(NotifyConfiguration.unavailable(failed(new DeliveryStoreException("HTTP 429", true)))).isTrue();
    }

    @Test
    void aRecordOpenSearchRefusesOrABugIsRetriedABoundedNumberOfTimes() {
        assertThat(NotifyConfiguration.unavailable(failed(new DeliveryStoreException(
                "refused deliveries: [a (HTTP 400, mapper_parsing_exception: ...)]", false)))).isFalse();
        assertThat(NotifyConfiguration.unavailable(failed(new NullPointerException()))).isFalse();
    }

    private static Exception failed(Throwable cause) {
        return new ListenerExecutionFailedException("Listener method threw", cause);
    }
}
