package io.vigie.alert.stream;

import io.vigie.contracts.MentionScored;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.Map;

/**
 * Reads {@code mention-scored}; named in the binding's {@code value-serde} so the binder does not guess. Records in
 * the usual shape are read by {@link MentionScoredReader}; any other goes through the data binding, which decides.
 */
public class MentionScoredSerde extends Serdes.WrapperSerde<MentionScored> {

    public MentionScoredSerde() {
        this(JsonSerdes.of(MentionScored.class));
    }

    private MentionScoredSerde(Serde<MentionScored> json) {
        super(json.serializer(), new FastFirst(json.deserializer()));
    }

    private record FastFirst(Deserializer<MentionScored> binding) implements Deserializer<MentionScored> {

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            binding.configure(configs, isKey);
        }

        @Override
        public MentionScored deserialize(String topic, byte[] data) {
            if (data == null) {
                return binding.deserialize(topic, data);
            }
            MentionScored read = MentionScoredReader.read(data);
            return read != null ? read : binding.deserialize(topic, data);
        }

        @Override
        public MentionScored deserialize(String topic, Headers headers, byte[] data) {
            if (data == null) {
                return binding.deserialize(topic, headers, data);
            }
            MentionScored read = MentionScoredReader.read(data);
            return read != null ? read : binding.deserialize(topic, headers, data);
        }

        @Override
        public void close() {
            binding.close();
        }
    }
}
