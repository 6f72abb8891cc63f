package io.vigie.alert.stream;

import io.vigie.contracts.MentionScored;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Reads {@code mention-scored}; named in the binding's {@code value-serde} so the binder does not guess. */
public class MentionScoredSerde extends Serdes.WrapperSerde<MentionScored> {

    public MentionScoredSerde() {
        this(JsonSerdes.of(MentionScored.class));
    }

    private MentionScoredSerde(Serde<MentionScored> json) {
        super(json.serializer(), json.deserializer());
    }
}
