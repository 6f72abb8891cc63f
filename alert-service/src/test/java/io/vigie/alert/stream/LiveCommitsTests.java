package io.vigie.alert.stream;

import io.vigie.alert.window.WindowResolutions;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Early commits for the mentions of windows that can still raise an alert, and none for a catch-up (ADR 0031). */
class LiveCommitsTests {

    private static final long NOW = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    private static final Duration LIVE_WITHIN = Duration.ofHours(2);

    @Test
    void aMentionOfAWindowThatCanStillAlertAsksForACommitAndOneOfThePastDoesNot() {
        LiveCommits<String, String> commits = new LiveCommits<>(LIVE_WITHIN, Duration.ofMillis(100));

        assertThat(commits.shouldRequest(NOW - Duration.ofDays(3).toMillis(), NOW)).isFalse();
        assertThat(commits.shouldRequest(NOW - LIVE_WITHIN.toMillis() - 1, NOW)).isFalse();
        assertThat(commits.shouldRequest(NOW - Duration.ofSeconds(5).toMillis(), NOW)).isTrue();
        // Published a little ahead of this machine's clock: live too.
        assertThat(commits.shouldRequest(NOW + 1_000, NOW + 1_000)).isTrue();
    }

    @Test
    void aThreadAsksAtMostOncePerIntervalAndAnotherThreadAsksForItself() throws Exception {
        LiveCommits<String, String> commits = new LiveCommits<>(LIVE_WITHIN, Duration.ofMillis(100));

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
        LiveCommits<String, String> off = new LiveCommits<>(LIVE_WITHIN, Duration.ZERO);

        assertThat(off.shouldRequest(NOW, NOW)).isFalse();
        assertThatThrownBy(() -> new LiveCommits<>(LIVE_WITHIN, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WindowResolutions(List.of(), Duration.ofMinutes(2), Duration.ofMinutes(1),
                Duration.ofMillis(-1))).hasMessageContaining("live-commit-every");
    }

    @Test
    void theProcessorPassesEveryRecordOnAndAsksForACommitOnlyForLiveOnes() {
        AtomicLong wallClock = new AtomicLong(NOW);
        AtomicInteger commitRequests = new AtomicInteger();
        List<FixedKeyRecord<String, String>> forwarded = new ArrayList<>();
        FixedKeyProcessor<String, String, String> processor =
                new LiveCommits<String, String>(LIVE_WITHIN, Duration.ofMillis(100)).get();
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
