package io.vigie.ingest.publish;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.Topics;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;

/** Sends to {@code mention-ingested}, keyed by mention id so every copy of a mention lands on one partition. */
@Component
public class KafkaMentionSink implements MentionSink {

    private final KafkaTemplate<String, MentionIngested> kafka;

    public KafkaMentionSink(KafkaTemplate<String, MentionIngested> kafka) {
        this.kafka = kafka;
    }

    @Override
    public CompletableFuture<?> send(MentionIngested mention) {
        try {
            return kafka.send(Topics.MENTION_INGESTED, mention.id(), mention);
        } catch (RuntimeException e) {
            // The producer throws instead of failing the future when it cannot even queue the record
            // (no metadata within max.block.ms, serialisation): the caller handles both the same way.
            return CompletableFuture.failedFuture(e);
        }
    }
}
