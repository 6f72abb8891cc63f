package io.vigie.sentiment.index;

import io.vigie.contracts.MentionScored;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/** mention-scored into OpenSearch. Records that cannot be read or indexed, after retries, go to mention-scored-dlt. */
@Configuration(proxyBeanMethods = false)
public class IndexingFunctions {

    @Bean
    Consumer<MentionScored> indexMention(MentionIndexer indexer) {
        return indexer::index;
    }
}
