package io.vigie.sentiment.scoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionScored;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import java.util.function.Function;

/** mention-ingested to mention-scored. Unreadable records and mentions that cannot be scored go to mention-ingested-dlt. */
@Configuration(proxyBeanMethods = false)
public class ScoringFunctions {

    @Bean
    Function<MentionIngested, Message<MentionScored>> scoreMention(MentionScorer scorer, MeterRegistry meters) {
        return mention -> {
            MentionScored scored = scorer.score(mention);
            meters.counter("vigie.sentiment.scored", "language", scored.language(),
                    "label", scored.sentiment().label().wireName()).increment();
            // Keyed by mention id, so every version of a mention lands on one partition, in order.
            return MessageBuilder.withPayload(scored).setHeader(KafkaHeaders.KEY, scored.mention().id()).build();
        };
    }
}
