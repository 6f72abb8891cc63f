package io.vigie.ingest.source.rss;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.MentionIngestedRecords;
import io.vigie.ingest.source.SourceHealth;
import io.vigie.ingest.source.SourceHealthRegistry;
import io.vigie.testsupport.VigieContainers;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.context.ImportTestcontainers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The RSS connector on real Kafka: a feed server replays the recorded Google Alerts feed (in full at every poll,
 * no ETag) and the matching entries land on {@code mention-ingested}, keyed by mention id, each once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ImportTestcontainers(VigieContainers.class)
class RssIngestIT {

    /** Entries of the recorded feed whose title or summary says "stock" (9) or "insider"/"Cal Henderson" (3, all among the 9). */
    private static final int MATCHING_ENTRIES = 9;
    private static final int MATCHING_BOTH_WATCHES = 3;

    private static final MockWebServer FEEDS = new MockWebServer();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema MENTION_INGESTED_SCHEMA = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of("classpath:schemas/mention-ingested.v1.schema.json"));

    static {
        FEEDS.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    return new MockResponse.Builder().code(200)
                            .setHeader("Content-Type", "application/atom+xml; charset=utf-8")
                            .body(new Buffer().write(RssFeedParserTests.fixture("feedjira_google_alerts_atom.xml")))
                            .build();
                } catch (IOException e) {
                    return new MockResponse.Builder().code(500).build();
                }
            }
        });
        try {
            FEEDS.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the feed server", e);
        }
    }

    @DynamicPropertySource
    static void watchesOnTheFeedServer(DynamicPropertyRegistry registry) {
        String feed = FEEDS.url("/alerts/feeds/slack").toString();
        registry.add("vigie.ingest.watches[0].id", () -> "it-stocks");
        registry.add("vigie.ingest.watches[0].keywords[0]", () -> "stock");
        registry.add("vigie.ingest.watches[0].feeds[0]", () -> feed);
        registry.add("vigie.ingest.watches[1].id", () -> "it-insiders");
        registry.add("vigie.ingest.watches[1].keywords[0]", () -> "insider");
        registry.add("vigie.ingest.watches[1].keywords[1]", () -> "Cal Henderson");
        registry.add("vigie.ingest.watches[1].feeds[0]", () -> feed);
        registry.add("vigie.ingest.rss.poll-interval", () -> "500ms");
    }

    @Autowired
    SourceHealthRegistry health;

    @LocalServerPort
    int port;

    @Test
    void matchingEntriesArePublishedOnceKeyedByMentionIdEvenWhenPolledTwice() {
        String feedSource = "rss:" + FEEDS.url("/alerts/feeds/slack");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> health.get(feedSource) != null && health.get(feedSource).polls() >= 2);

        List<ConsumerRecord<String, String>> records = MentionIngestedRecords.readAll().stream()
                .filter(record -> record.value().contains("\"it-stocks\"") || record.value().contains("\"it-insiders\""))
                .toList();

        assertThat(records).hasSize(MATCHING_ENTRIES);
        assertThat(records).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode json = JSON.readTree(record.value());
            assertThat(MENTION_INGESTED_SCHEMA.validate(json)).as(record.value()).isEmpty();
            MentionIngested mention = JSON.treeToValue(json, MentionIngested.class);
            assertThat(record.key()).isEqualTo(mention.id());
            assertThat(mention.source().type()).isEqualTo("rss");
            assertThat(mention.title()).doesNotContain("<b>");
            assertThat(record.headers().lastHeader("__TypeId__")).as("no Java class names on the wire").isNull();
            assertThat(json.get("publishedAt").asString()).as("ISO-8601 times").startsWith("2019-07-").endsWith("Z");
        }
        assertThat(records).filteredOn(record -> record.value().contains("\"watchIds\":[\"it-stocks\",\"it-insiders\"]"))
                .hasSize(MATCHING_BOTH_WATCHES);
        SourceHealth feedHealth = health.get(feedSource);
        assertThat(feedHealth.published()).isEqualTo(MATCHING_ENTRIES);
        assertThat(feedHealth.duplicates()).isGreaterThanOrEqualTo(MATCHING_ENTRIES);
        assertThat(feedHealth.unmatched()).isGreaterThanOrEqualTo(20 - MATCHING_ENTRIES);
    }

    @Test
    void theRestApiListsWatchesAndSourceHealth() {
        String feedSource = "rss:" + FEEDS.url("/alerts/feeds/slack");
        await().atMost(Duration.ofSeconds(60)).until(() -> health.get(feedSource) != null);
        RestClient api = RestClient.create("http://127.0.0.1:" + port);

        JsonNode watches = JSON.readTree(api.get().uri("/api/watches").retrieve().body(String.class));
        JsonNode sources = JSON.readTree(api.get().uri("/api/sources/health").retrieve().body(String.class));
        JsonNode actuator = JSON.readTree(api.get().uri("/actuator/health").retrieve().body(String.class));
        String metrics = api.get().uri("/actuator/prometheus").retrieve().body(String.class);

        assertThat(watches.findValuesAsString("id")).containsExactly("it-stocks", "it-insiders");
        assertThat(watches.get(1).get("query").asString()).as("configured keywords become the watch's query")
                .contains("insider", "Cal Henderson");
        JsonNode feed = sources.get(0);
        assertThat(feed.get("source").asString()).isEqualTo(feedSource);
        assertThat(feed.get("type").asString()).isEqualTo("rss");
        assertThat(feed.get("lastOutcome").asString()).isEqualTo("ok");
        assertThat(feed.get("lastPollAt").asString()).endsWith("Z");
        assertThat(feed.get("pollInterval").asString()).as("no watch sets one: the connector's")
                .isEqualTo("PT0.5S");
        assertThat(actuator.get("status").asString()).isEqualTo("UP");
        assertThat(metrics).contains("vigie_ingest_mentions_total{outcome=\"published\"}");
    }
}
