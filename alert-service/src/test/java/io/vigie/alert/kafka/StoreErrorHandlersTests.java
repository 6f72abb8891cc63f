package io.vigie.alert.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.ErrorResponse;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures of a consumer storing into OpenSearch are waited for, and which are given up on after a few tries. */
class StoreErrorHandlersTests {

    @Test
    void anUnreachableOrOverloadedOpenSearchIsWaitedFor() {
        assertThat(StoreErrorHandlers.openSearchUnavailable(failed(new UncheckedIOException("could not store incident",
                new IOException("Connection refused"))))).isTrue();
        assertThat(StoreErrorHandlers.openSearchUnavailable(failed(refused(429, "es_rejected_execution_exception"))))
                .isTrue();
        assertThat(StoreErrorHandlers.openSearchUnavailable(failed(refused(503, "cluster_block_exception")))).isTrue();
    }

    @Test
    void aDocumentOpenSearchRefusesOrABugIsNotWaitedFor() {
        // A score of NaN once made OpenSearch refuse an incident: retried forever, it held up every alert behind it.
        assertThat(StoreErrorHandlers.openSearchUnavailable(failed(refused(400, "mapper_parsing_exception"))))
                .isFalse();
        assertThat(StoreErrorHandlers.openSearchUnavailable(failed(new NullPointerException()))).isFalse();
        assertThat(StoreErrorHandlers.cause(failed(new IllegalStateException("boom"))))
                .isInstanceOf(IllegalStateException.class).hasMessage("boom");
        // A batch listener names the record at fault inside spring-kafka's wrapper.
        assertThat(StoreErrorHandlers.cause(failed(new BatchListenerFailedException("refused",
                new IllegalStateException("refused"), new ConsumerRecord<>("alert-raised", 0, 7L, "k", "v")))))
                .isInstanceOf(IllegalStateException.class).hasMessage("refused");
    }

    private static OpenSearchException refused(int status, String type) {
        return new OpenSearchException(ErrorResponse.of(response -> response.status(status)
                .error(cause -> cause.type(type).reason("refused"))));
    }

    private static Exception failed(Throwable cause) {
        return new ListenerExecutionFailedException("Listener method threw", cause);
    }
}
