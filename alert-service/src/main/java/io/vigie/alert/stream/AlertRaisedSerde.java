package io.vigie.alert.stream;

import io.vigie.contracts.AlertRaised;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Writes {@code alert-raised}; named in the binding's {@code value-serde} so the binder does not guess. */
public class AlertRaisedSerde extends Serdes.WrapperSerde<AlertRaised> {

    public AlertRaisedSerde() {
        this(JsonSerdes.of(AlertRaised.class));
    }

    private AlertRaisedSerde(Serde<AlertRaised> json) {
        super(json.serializer(), json.deserializer());
    }
}
