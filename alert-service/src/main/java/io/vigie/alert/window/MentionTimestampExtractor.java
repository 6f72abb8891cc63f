package io.vigie.alert.window;

import io.vigie.alert.stream.ReadingLag;
import io.vigie.contracts.MentionScored;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Windows count mentions by when they were published, not when Vigie saw them. A publication date in the future
 * (a wrong clock at the source) is capped at the record's own timestamp: otherwise it would push stream time ahead
 * and make every on-time mention look late.
 *
 * <p>Kafka Streams asks for a record's time as the record is about to be processed: the age of its Kafka timestamp then
 * tells how far behind the stream reads ({@link ReadingLag}).
 */
public class MentionTimestampExtractor implements TimestampExtractor {

    private final ReadingLag lag;

    public MentionTimestampExtractor(ReadingLag lag) {
        this.lag = lag;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long recordTime = record.timestamp() >= 0 ? record.timestamp() : partitionTime;
        if (!(record.value() instanceof MentionScored scored)) {
            return recordTime;
        }
        if (record.timestamp() >= 0) {
            lag.taken(record.timestamp(), System.currentTimeMillis());
        }
        if (scored.mention() != null && scored.mention().publishedAt() != null) {
            long published = scored.mention().publishedAt().toEpochMilli();
            return recordTime >= 0 ? Math.min(published, recordTime) : published;
        }
        return recordTime;
    }
}
