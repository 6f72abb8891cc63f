package io.vigie.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorParsingBenchmarkTests {

    @ParameterizedTest
    @ValueSource(strings = {"rss", "hackernews", "reddit", "mastodon", "bluesky", "discourse", "github",
            "youtube-search", "youtube-comments"})
    void everyConnectorGivesMentionsFromItsRecordedPage(String source) throws Exception {
        var parser = ConnectorParsingBenchmark.parser(source, RepositoryFiles.CONNECTOR_FIXTURES);

        assertThat(parser.parse()).isNotEmpty().allSatisfy(mention -> {
            assertThat(mention.id()).isNotBlank();
            assertThat(mention.source().type()).isNotBlank();
        });
    }
}
