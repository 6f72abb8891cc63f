package io.vigie.bench;

import io.vigie.contracts.MentionIngested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublishLoadDriverTests {

    @Test
    void defaultsLoadTheLocalBrokerOnItsOwnTopic() {
        var options = PublishLoadDriver.Options.parse();

        assertThat(options.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(options.topic()).isEqualTo("bench-mention-ingested");
        assertThat(options.count()).isEqualTo(100_000);
        assertThat(options.keepTopic()).isFalse();
    }

    @Test
    void refusesRemoteBrokersThePipelineTopicAndUnboundedCounts() {
        assertThatThrownBy(() -> PublishLoadDriver.Options.parse("--bootstrap", "10.1.2.3:9092"))
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> PublishLoadDriver.Options.parse("--topic", "mention-ingested"))
                .hasMessageContaining("refusing");
        assertThatThrownBy(() -> PublishLoadDriver.Options.parse("--count", "20000000"))
                .hasMessageContaining("between 1 and 10000000");
        assertThatThrownBy(() -> PublishLoadDriver.Options.parse("--count"))
                .hasMessageContaining("--count needs a value");
    }

    @Test
    void publishesDemoMentionsAsTheContractsJson() throws Exception {
        List<MentionIngested> demo = PublishLoadDriver.demoMentions(RepositoryFiles.DEMO_DATASET);
        MentionIngested first = demo.get(0);

        byte[] value = PublishLoadDriver.jsonValues().serialize("bench-mention-ingested", first);

        String json = new String(value, StandardCharsets.UTF_8);
        assertThat(json).contains("\"publishedAt\":\"1970-01-01T00:00:00Z\"").doesNotContain("@class");
        assertThat(JsonMapper.builder().build().readValue(value, MentionIngested.class)).isEqualTo(first);
        assertThat(first.author().name()).isNotBlank();
        assertThat(first.engagement()).isNotNull();
    }
}
