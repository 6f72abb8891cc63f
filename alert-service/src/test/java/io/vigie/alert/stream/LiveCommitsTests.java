package io.vigie.alert.stream;

import io.vigie.alert.window.WindowResolutions;
import io.vigie.contracts.MentionScored;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.InternalFixedKeyRecordFactory;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Early commits for the mentions of windows that can still raise an alert, and none for a catch-up (ADR 0031). */
class LiveCommitsTests {

    private static final long NOW = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    private static final Duration LIVE_WITHIN = Duration.ofHours(2);
    private static final Duration MAX_LAG = Duration.ofSeconds(1);

    private final ReadingLag lag = new ReadingLag();

    private LiveCommits<String, String> liveCommits(Duration every) {
        return new LiveCommits<>(LIVE_WITHIN, every, lag, MAX_LAG);
    }

    @Test
    void aMentionOfAWindowThatCanStillAlertAsksForACommitAndOneOfThePastDoesNot() {
        LiveCommits<String, String> commits = liveCommits(Duration.ofMillis(100));

        assertThat(commits.shouldRequest(NOW - Duration.ofDays(3).toMillis(), NOW)).isFalse();
        assertThat(commits.shouldRequest(NOW - LIVE_WITHIN.toMillis() - 1, NOW)).isFalse();
        assertThat(commits.shouldRequest(NOW - Duration.ofSeconds(5).toMillis(), NOW)).isTrue();
        // Published a little ahead of this machine's clock: live too.
        assertThat(commits.shouldRequest(NOW + 1_000, NOW + 1_000)).isTrue();
    }

    @Test
    void aThreadAsksAtMostOncePerIntervalAndAnotherThreadAsksForItself() throws Exception {
        LiveCommits<String, String> commits = liveCommits(Duration.ofMillis(100));

        assertThat(commits.shouldRequest(NOW, NOW)).isTrue();
        assertThat(commits.shouldRequest(NOW + 50, NOW + 50)).isFalse();
        assertThat(commits.shouldRequest(NOW + 99, NOW + 99)).isFalse();
        assertThat(CompletableFuture.supplyAsync(() -> commits.shouldRequest(NOW + 99, NOW + 99)).get())
                .as("another stream thread, whose commits are its own").isTrue();
        assertThat(commits.shouldRequest(NOW + 100, NOW + 100)).isTrue();
        // A past mention in between neither asks nor moves the next request.
        assertThat(commits.shouldRequest(NOW - Duration.ofDays(1).toMillis(), NOW + 250)).isFalse();
        assertThat(commits.shouldRequest(NOW + 200, NOW + 200)).isTrue();
    }

    @Test
    void zeroTurnsEarlyCommitsOffAndNegativeDurationsAreRefused() {
        LiveCommits<String, String> off = liveCommits(Duration.ZERO);

        assertThat(off.shouldRequest(NOW, NOW)).isFalse();
        assertThatThrownBy(() -> liveCommits(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LiveCommits<>(LIVE_WITHIN, Duration.ofMillis(100), lag, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WindowResolutions(List.of(), Duration.ofMinutes(2), Duration.ofMinutes(1),
                Duration.ofMillis(-1), MAX_LAG)).hasMessageContaining("live-commit-every");
        assertThatThrownBy(() -> new WindowResolutions(List.of(), Duration.ofMinutes(2), Duration.ofMinutes(1),
                Duration.ofMillis(100), Duration.ZERO)).hasMessageContaining("live-commit-max-lag");
    }

    @Test
    void aThreadReadingFarBehindAsksForNoCommitUntilItKeepsUpAgain() throws Exception {
        LiveCommits<String, String> commits = liveCommits(Duration.ofMillis(100));

        lag.taken(NOW - 30_000, NOW);
        assertThat(commits.shouldRequest(NOW - 5_000, NOW)).as("a live mention read 30 s after it was produced")
                .isFalse();
        assertThat(CompletableFuture.supplyAsync(() -> commits.shouldRequest(NOW - 5_000, NOW)).get())
                .as("another thread, which reads its own partitions").isTrue();
        lag.taken(NOW - 1_001, NOW + 200);
        assertThat(commits.shouldRequest(NOW, NOW + 200)).as("still a second behind").isFalse();
        lag.taken(NOW + 250, NOW + 300);
        assertThat(commits.shouldRequest(NOW, NOW + 300)).as("caught up: at once, no interval to wait").isTrue();

        lag.taken(NOW - 10_000, NOW + 1_000);
        assertThat(commits.shouldRequest(NOW, NOW + 1_500)).isFalse();
        assertThat(commits.shouldRequest(NOW, NOW + 2_001))
                .as("nothing taken for longer than the bound: no backlog left on this thread").isTrue();
    }

    @Test
    void aThreadSaysWhenItFallsBehindAtMostOnceAMinuteAndWhenItKeepsUpAgain() {
        List<String> said = new ArrayList<>();
        ReadingLag reading = new ReadingLag(said::add);
        long maxLag = MAX_LAG.toMillis();

        reading.taken(NOW - 100, NOW);
        assertThat(reading.behind(NOW, maxLag)).isFalse();
        assertThat(said).isEmpty();
        reading.taken(NOW - 12_000, NOW + 10);
        assertThat(reading.behind(NOW + 10, maxLag)).isTrue();
        assertThat(reading.behind(NOW + 20, maxLag)).isTrue();
        assertThat(said).singleElement().asString().contains("12.0 s behind").contains("commit interval");
        reading.taken(NOW + 30, NOW + 40);
        assertThat(reading.behind(NOW + 40, maxLag)).isFalse();
        assertThat(said).hasSize(2).last().asString().contains("keeps up");

        reading.taken(NOW - 5_000, NOW + 50);
        assertThat(reading.behind(NOW + 50, maxLag)).isTrue();
        reading.taken(NOW + 60, NOW + 70);
        assertThat(reading.behind(NOW + 70, maxLag)).isFalse();
        assertThat(said).as("behind again within the minute: not said, nor its end").hasSize(2);
        reading.taken(NOW, NOW + 61_000);
        assertThat(reading.behind(NOW + 61_000, maxLag)).isTrue();
        assertThat(said).hasSize(3).last().asString().contains("61.0 s behind");
    }

    @Test
    void theExtractorTellsHowLateMentionsAreReadAndNothingElse() {
        var extractor = new io.vigie.alert.window.MentionTimestampExtractor(lag);
        long now = System.currentTimeMillis();
        MentionScored scored = io.vigie.alert.DemoDataset.lines().get(0).scored(Instant.ofEpochMilli(now - 60_000));

        extractor.extract(mentionScored(scored, System.currentTimeMillis()), -1);
        assertThat(liveCommits(Duration.ofMillis(100)).shouldRequest(now, System.currentTimeMillis())).isTrue();

        extractor.extract(new ConsumerRecord<>("mentions-by-watch", 0, 0, now - 3_600_000, TimestampType.CREATE_TIME,
                0, 0, "watch", "a signal batch, whose Kafka timestamp is its publication", new RecordHeaders(),
                Optional.empty()), -1);
        assertThat(liveCommits(Duration.ofMillis(100)).shouldRequest(now, System.currentTimeMillis()))
                .as("a repartition record says nothing of how late the stream reads").isTrue();

        extractor.extract(mentionScored(scored, now - 60_000), -1);
        assertThat(liveCommits(Duration.ofMillis(100)).shouldRequest(now, System.currentTimeMillis()))
                .as("a mention produced a minute ago").isFalse();
    }

    private static ConsumerRecord<Object, Object> mentionScored(MentionScored scored, long producedAt) {
        return new ConsumerRecord<>("mention-scored", 0, 0, producedAt, TimestampType.CREATE_TIME, 0, 0,
                scored.mention().id(), scored, new RecordHeaders(), Optional.empty());
    }

    @Test
    void theProcessorPassesEveryRecordOnAndAsksForACommitOnlyForLiveOnes() {
        AtomicLong wallClock = new AtomicLong(NOW);
        AtomicInteger commitRequests = new AtomicInteger();
        List<FixedKeyRecord<String, String>> forwarded = new ArrayList<>();
        FixedKeyProcessor<String, String, String> processor =
                liveCommits(Duration.ofMillis(100)).get();
        processor.init(context(wallClock, commitRequests, forwarded));

        processor.process(record("catch-up", NOW - Duration.ofDays(6).toMillis()));
        assertThat(commitRequests).hasValue(0);
        processor.process(record("live", NOW - 2_000));
        assertThat(commitRequests).hasValue(1);
        wallClock.addAndGet(10);
        processor.process(record("live again, right after", NOW));
        assertThat(commitRequests).hasValue(1);
        wallClock.addAndGet(100);
        processor.process(record("live a little later", NOW + 110));
        assertThat(commitRequests).hasValue(2);

        assertThat(forwarded).extracting(FixedKeyRecord::value)
                .containsExactly("catch-up", "live", "live again, right after", "live a little later");
    }

    @Test
    void liveMeansTheCurrentOrPreviousWindowOfTheLongestSize() {
        assertThat(WindowResolutions.of(Duration.ofMinutes(15), Duration.ofHours(1)).liveWithin(Duration.ofMinutes(15)))
                .isEqualTo(Duration.ofHours(2));
        assertThat(WindowResolutions.of(Duration.ofMinutes(5)).liveWithin(Duration.ofHours(1)))
                .as("the primary size longer than the other resolutions").isEqualTo(Duration.ofHours(2));
        assertThat(WindowResolutions.of().liveWithin(Duration.ofMinutes(15))).isEqualTo(Duration.ofMinutes(30));
    }

    private static FixedKeyRecord<String, String> record(String value, long timestamp) {
        return InternalFixedKeyRecordFactory.create(new Record<>("watch", value, timestamp));
    }

    /** The three calls the processor makes; Kafka's test utilities have no fixed-key context. */
    @SuppressWarnings("unchecked")
    private static FixedKeyProcessorContext<String, String> context(AtomicLong wallClock, AtomicInteger commits,
                                                                    List<FixedKeyRecord<String, String>> forwarded) {
        return (FixedKeyProcessorContext<String, String>) Proxy.newProxyInstance(
                LiveCommitsTests.class.getClassLoader(), new Class<?>[] {FixedKeyProcessorContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "currentSystemTimeMs" -> wallClock.get();
                    case "commit" -> {
                        commits.incrementAndGet();
                        yield null;
                    }
                    case "forward" -> {
                        forwarded.add((FixedKeyRecord<String, String>) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
