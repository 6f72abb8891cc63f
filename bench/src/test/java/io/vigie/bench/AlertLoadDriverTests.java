package io.vigie.bench;

import io.vigie.contracts.MentionScored;
import io.vigie.contracts.SentimentLabel;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertLoadDriverTests {

    @Test
    void defaultsMatchTheIssueFigures() {
        var options = AlertLoadDriver.Options.parse();

        assertThat(options.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(options.count()).isEqualTo(500_000);
        assertThat(options.watches()).isEqualTo(200);
        assertThat(options.burstWatches()).isEqualTo(20);
        assertThat(options.burstSize()).isEqualTo(60);
        assertThat(options.window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(options.childJavaOptions()).containsExactly("-Xms128m", "-Xmx512m");
        assertThat(options.recreateTopics()).isFalse();
        assertThat(options.live()).isFalse();
        assertThat(AlertLoadDriver.Options.parse("--live", "--count", "1000").live()).isTrue();
        assertThat(options.rate()).as("a backlog by default").isZero();
        assertThat(AlertLoadDriver.Options.parse("--live", "--rate", "20_000").rate()).isEqualTo(20_000);
    }

    @Test
    void countsTheCommittedRecordsOfTheRunOnly() {
        TopicPartition first = new TopicPartition("mention-scored", 0);
        TopicPartition second = new TopicPartition("mention-scored", 1);
        TopicPartition third = new TopicPartition("mention-scored", 2);
        Map<TopicPartition, Long> earliest = Map.of(first, 100L, second, 0L, third, 50L);
        Map<TopicPartition, Long> ends = Map.of(first, 200L, second, 10L, third, 60L);

        assertThat(AlertLoadDriver.committedBetween(Map.of(), earliest, ends)).as("nothing committed yet").isZero();
        assertThat(AlertLoadDriver.committedBetween(Map.of(first, new OffsetAndMetadata(150), second,
                new OffsetAndMetadata(10)), earliest, ends)).isEqualTo(50 + 10);
        assertThat(AlertLoadDriver.committedBetween(Map.of(first, new OffsetAndMetadata(250), second,
                new OffsetAndMetadata(10), third, new OffsetAndMetadata(60)), earliest, ends))
                .as("offsets past the run's end count up to it: all committed").isEqualTo(100 + 10 + 10);
    }

    @Test
    void refusesRemoteServersBurstsLongerThanAWindowAndUnknownOptions() {
        assertThatThrownBy(() -> AlertLoadDriver.Options.parse("--bootstrap", "10.1.2.3:9092"))
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> AlertLoadDriver.Options.parse("--opensearch", "http://10.1.2.3:9200"))
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> AlertLoadDriver.Options.parse("--burst-seconds", "900"))
                .hasMessageContaining("does not fit in one window");
        assertThatThrownBy(() -> AlertLoadDriver.Options.parse("--burst-watches", "300"))
                .hasMessageContaining("between 1 and 200");
        assertThatThrownBy(() -> AlertLoadDriver.Options.parse("--rate", "20000"))
                .hasMessageContaining("needs --live");
        assertThatThrownBy(() -> AlertLoadDriver.Options.parse("--speed", "1"))
                .hasMessageContaining("unknown option --speed").hasMessageContaining("usage:");
    }

    @Test
    void anAlertIsTimedFromTheMentionItsObservedCountNames() {
        long[] sent = {100, 200, 300, 400, 0};

        assertThat(AlertLoadDriver.causeIndex("negative_count", 3, 350, sent)).isEqualTo(2);
        assertThat(AlertLoadDriver.causeIndex("negative_count", 4, 450, sent)).isEqualTo(3);
        // not a count of mentions: the latest sent before it arrived
        assertThat(AlertLoadDriver.causeIndex("mean_sentiment", -0.7, 350, sent)).isEqualTo(2);
        // a count whose mention was not sent yet when it arrived cannot be its cause
        assertThat(AlertLoadDriver.causeIndex("stories", 4, 350, sent)).isEqualTo(2);
        assertThat(AlertLoadDriver.causeIndex("negative_count", 1, 50, sent)).isEqualTo(-1);
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            values.add((double) i);
        }

        assertThat(AlertLoadDriver.percentile(values, 50)).isEqualTo(50);
        assertThat(AlertLoadDriver.percentile(values, 95)).isEqualTo(95);
        assertThat(AlertLoadDriver.percentile(values, 100)).isEqualTo(100);
        assertThat(AlertLoadDriver.percentile(List.of(7.0), 99)).isEqualTo(7);
        assertThat(AlertLoadDriver.percentile(List.of(), 50)).isNaN();
    }

    @Test
    void historyHasTheRequestedCountInPublicationOrderWithADailyRhythm() {
        List<MentionScored> mentions = new ArrayList<>();
        Instant end = Instant.parse("2026-01-10T00:00:00Z");

        new ScoredTraffic(List.of("a", "b", "c"), 1).history(10_000, end, Duration.ofMinutes(15), 2 * 96,
                mentions::add);

        assertThat(mentions).hasSize(10_000);
        assertThat(mentions).allMatch(m -> m.mention().publishedAt().isBefore(end)
                && !m.mention().publishedAt().isBefore(end.minus(Duration.ofDays(2))));
        assertThat(mentions.stream().filter(m -> m.mention().watchIds().equals(List.of("a")))).hasSizeBetween(3333, 3334);
        long negative = mentions.stream().filter(m -> m.sentiment().label() == SentimentLabel.NEGATIVE).count();
        assertThat(negative).isBetween(1_300L, 1_700L);
        assertThat(ScoredTraffic.rhythm(Instant.parse("2026-01-10T16:00:00Z")))
                .isGreaterThan(2.5 * ScoredTraffic.rhythm(Instant.parse("2026-01-10T04:00:00Z")));
    }

    @Test
    void theChildsHeapIsReadFromItsPrintedFlags() {
        assertThat(AlertServiceProcess.heapAndGc("-XX:InitialHeapSize=134217728 -XX:MaxHeapSize=536870912 "
                + "-XX:+PrintCommandLineFlags -XX:+UseG1GC"))
                .isEqualTo("InitialHeapSize=128 MB MaxHeapSize=512 MB UseG1GC");
    }
}
