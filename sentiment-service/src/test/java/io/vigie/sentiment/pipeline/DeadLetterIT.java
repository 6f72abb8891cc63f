package io.vigie.sentiment.pipeline;

import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterIT extends PipelineTestSupport {

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextOneIsStillIndexed() throws Exception {
        String marker = "not json {" + UUID.randomUUID();
        String watch = newWatchId("dlt");
        MentionIngested good = mention(watch, UUID.randomUUID().toString(), "Nuvelia a répondu vite, merci !", "fr");
        // Same partition as the good record, so the good one can only be processed after the poison one.
        sendRaw("poison-" + UUID.randomUUID(), marker, partitionOf(good.id()));
        send(good);

        ConsumerRecord<String, String> dead = awaitRecord(Topics.deadLetter(Topics.MENTION_INGESTED),
                record -> marker.equals(record.value()));
        assertThat(header(dead, Topics.FAILURE_REASON_HEADER)).isNotBlank();
        assertThat(header(dead, "x-original-topic")).isEqualTo(Topics.MENTION_INGESTED);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids(searchWatch(watch))).containsExactly(good.id()));
    }
}
