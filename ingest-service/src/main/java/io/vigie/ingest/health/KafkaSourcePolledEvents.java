package io.vigie.ingest.health;

import io.vigie.contracts.SourcePolled;
import io.vigie.contracts.Topics;
import io.vigie.ingest.source.SourceHealthEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes every poll on {@code source-polled}, keyed by source instance. Fire and forget: a lost heartbeat only
 * delays silence detection by one poll, so the poller never waits for it.
 */
@Component
public class KafkaSourcePolledEvents implements SourceHealthEvents {

    private static final Logger log = LoggerFactory.getLogger(KafkaSourcePolledEvents.class);

    private final KafkaTemplate<String, Object> kafka;

    public KafkaSourcePolledEvents(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    @Override
    public void polled(SourcePolled event) {
        try {
            kafka.send(Topics.SOURCE_POLLED, event.sourceInstance(), event).whenComplete((sent, failure) -> {
                if (failure != null) {
                    log.warn("source '{}': poll heartbeat not published on {} ({})", event.sourceInstance(),
                            Topics.SOURCE_POLLED, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            log.warn("source '{}': poll heartbeat not published on {} ({})", event.sourceInstance(), Topics.SOURCE_POLLED,
                    e.toString());
        }
    }
}
