package io.vigie.ingest.publish;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.contracts.MentionSource;
import io.vigie.ingest.watch.Watch;
import io.vigie.ingest.watch.WatchMatcher;
import io.vigie.ingest.watch.WatchRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MentionPipelineTests {

    private final RecordingSink sink = new RecordingSink();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MentionPipeline pipeline = new MentionPipeline(new WatchMatcher(new WatchRepository(List.of(
            watch("nuvelia", "nuvelia"),
            watch("outages", "panne", "coupure")))), new RecentIds(100), sink, meters);

    @Test
    void theSameItemSeenTwiceIsPublishedOnce() {
        PublishReport first = pipeline.publish(List.of(mention("post-1", "Nuvelia augmente ses prix")));
        PublishReport second = pipeline.publish(List.of(mention("post-1", "Nuvelia augmente ses prix")));

        assertThat(sink.sent()).hasSize(1);
        assertThat(first.published()).isEqualTo(1);
        assertThat(second.published()).isZero();
        assertThat(second.duplicates()).isEqualTo(1);
        assertThat(meters.counter("vigie.ingest.mentions", "outcome", "duplicate").count()).isEqualTo(1);
    }

    @Test
    void theSameItemTwiceInOneBatchIsPublishedOnce() {
        PublishReport report = pipeline.publish(List.of(
                mention("post-1", "Nuvelia augmente ses prix"), mention("post-1", "Nuvelia augmente ses prix")));

        assertThat(sink.sent()).hasSize(1);
        assertThat(report.duplicates()).isEqualTo(1);
    }

    @Test
    void anItemMatchingSeveralWatchesIsPublishedOnceWithAllTheirIds() {
        pipeline.publish(List.of(mention("post-1", "Grosse panne chez Nuvelia ce matin")));

        assertThat(sink.sent()).singleElement()
                .satisfies(published -> assertThat(published.watchIds()).containsExactly("nuvelia", "outages"));
    }

    @Test
    void watchesTheSourceIsBoundToAreKeptAndMatchingOnesAdded() {
        MentionIngested bound = mention("post-1", "Coupure de courant rue de la Paix", List.of("nuvelia"));

        pipeline.publish(List.of(bound));

        assertThat(sink.sent()).singleElement()
                .satisfies(published -> assertThat(published.watchIds()).containsExactly("nuvelia", "outages"));
    }

    @Test
    void anItemMatchingNoWatchIsDroppedAndCounted() {
        PublishReport report = pipeline.publish(List.of(mention("post-1", "Il fait beau à Lyon")));

        assertThat(sink.sent()).isEmpty();
        assertThat(report.unmatched()).isEqualTo(1);
        assertThat(meters.counter("vigie.ingest.mentions", "outcome", "unmatched").count()).isEqualTo(1);
    }

    @Test
    void aMentionKafkaDidNotAcknowledgeIsNotCountedAndIsSentAgainNextTime() {
        sink.refuseNext(1);

        PublishReport refused = pipeline.publish(List.of(mention("post-1", "Nuvelia augmente ses prix")));
        PublishReport retried = pipeline.publish(List.of(mention("post-1", "Nuvelia augmente ses prix")));

        assertThat(refused.published()).isZero();
        assertThat(refused.failed()).isEqualTo(1);
        assertThat(refused.failure()).contains("broker unavailable");
        assertThat(retried.published()).isEqualTo(1);
        assertThat(sink.sent()).hasSize(1);
    }

    @Test
    void whenKafkaRefusesARecordOutrightTheRestOfTheBatchWaitsForTheNextFetch() {
        List<MentionIngested> batch = List.of(mention("post-1", "Nuvelia 1"), mention("post-2", "Nuvelia 2"),
                mention("post-3", "Nuvelia 3"));
        sink.refuseNext(1);

        PublishReport refused = pipeline.publish(batch);
        PublishReport retried = pipeline.publish(batch);

        assertThat(refused.failed()).isEqualTo(3);
        assertThat(retried.published()).isEqualTo(3);
        assertThat(sink.sent()).hasSize(3);
    }

    @Test
    void recentIdsForgetTheLeastRecentlySeenBeyondCapacity() {
        RecentIds ids = new RecentIds(2);
        ids.add("a");
        ids.add("b");
        ids.add("a");
        ids.add("c");

        assertThat(ids.size()).isEqualTo(2);
        assertThat(ids.add("a")).as("a was seen recently").isFalse();
        assertThat(ids.add("b")).as("b was the least recently seen, so it was evicted").isTrue();
    }

    private static Watch watch(String id, String... keywords) {
        return new Watch(id, null, List.of(keywords), List.of(), List.of());
    }

    private static MentionIngested mention(String nativeId, String text) {
        return mention(nativeId, text, List.of());
    }

    private static MentionIngested mention(String nativeId, String text, List<String> watchIds) {
        Instant now = Instant.parse("2026-11-20T08:00:00Z");
        return new MentionIngested(MentionIngested.SCHEMA_VERSION, MentionId.of("test", nativeId), watchIds,
                new MentionSource("test", "unit test"), "https://example.org/" + nativeId, null, null, text, "fr",
                now, now, null, null);
    }
}
