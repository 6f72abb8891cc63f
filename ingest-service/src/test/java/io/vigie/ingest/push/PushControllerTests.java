package io.vigie.ingest.push;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.contracts.MentionId;
import io.vigie.contracts.MentionIngested;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.RecentIds;
import io.vigie.ingest.publish.RecordingSink;
import io.vigie.ingest.watch.ApiErrorHandler;
import io.vigie.ingest.watch.Watch;
import io.vigie.ingest.watch.WatchMatcher;
import io.vigie.ingest.watch.WatchRepository;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class PushControllerTests {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    private final RecordingSink sink = new RecordingSink();
    private final MentionPipeline pipeline = new MentionPipeline(new WatchMatcher(new WatchRepository(List.of(
            new Watch("nuvelia", null, List.of("nuvelia"), List.of(), List.of())))), new RecentIds(100), sink,
            new SimpleMeterRegistry());
    private final MockMvc api = MockMvcBuilders.standaloneSetup(new PushController(pipeline,
                    JsonMapper.builder().build(), new PushProperties(DataSize.ofKilobytes(2), 40),
                    Clock.fixed(NOW, ZoneOffset.UTC)))
            .setControllerAdvice(new ApiErrorHandler())
            .build();

    @Test
    void jsonlItemsAreValidatedOneByOneAndMatchingOnesPublished() throws Exception {
        String body = """
                {"nativeId": "r-1", "sourceType": "trustpilot", "text": "<p>Nuvelia m'a <b>facturé</b> deux fois</p>", "rating": {"value": 1, "max": 5}, "publishedAt": "2026-11-25T10:00:00+01:00"}
                {"nativeId": "r-2", "text": "Il fait beau"}
                {"text": "Nuvelia sans id"}
                not json
                {"nativeId": "r-3", "text": "Nuvelia", "language": "french"}
                {"nativeId": "r-4", "title": "Nuvelia", "author": {"name": "Jean", "followers": 12}, "engagement": {"likes": "3"}}
                """;

        api.perform(post("/api/ingest/mentions").contentType("application/x-ndjson").content(body))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(3))
                .andExpect(jsonPath("$.published").value(2))
                .andExpect(jsonPath("$.unmatched").value(1))
                .andExpect(jsonPath("$.rejected.length()").value(3))
                .andExpect(jsonPath("$.rejected[0].index").value(2))
                .andExpect(jsonPath("$.rejected[0].error").value(org.hamcrest.Matchers.containsString("nativeId")))
                .andExpect(jsonPath("$.rejected[1].index").value(3))
                .andExpect(jsonPath("$.rejected[2].error").value(org.hamcrest.Matchers.containsString("ISO 639-1")));

        MentionIngested review = sink.sent().get(0);
        assertThat(review.id()).isEqualTo(MentionId.of("trustpilot", "r-1"));
        assertThat(review.text()).isEqualTo("Nuvelia m'a facturé deux fois");
        assertThat(review.watchIds()).containsExactly("nuvelia");
        assertThat(review.publishedAt()).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(review.fingerprint()).matches("[0-9a-f]{16}");
        MentionIngested titled = sink.sent().get(1);
        assertThat(titled.source().type()).isEqualTo("push");
        assertThat(titled.publishedAt()).isEqualTo(NOW);
        assertThat(titled.author().followers()).isEqualTo(12);
        assertThat(titled.engagement().likes()).isEqualTo(3);
    }

    @Test
    void aJsonArrayOrObjectIsAcceptedAndLongTextsAreTruncatedAndCounted() throws Exception {
        String body = "[{\"nativeId\": \"a\", \"text\": \"Nuvelia " + "blabla ".repeat(20) + "\"},"
                + " {\"nativeId\": \"b\", \"text\": \"Nuvelia\"}]";

        api.perform(post("/api/ingest/mentions").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.published").value(2))
                .andExpect(jsonPath("$.truncated").value(1));
        assertThat(sink.sent().get(0).text()).hasSize(40);
        api.perform(post("/api/ingest/mentions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nativeId\": \"c\", \"text\": \"Nuvelia\"}"))
                .andExpect(jsonPath("$.published").value(1));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndBrokenJsonWith400() throws Exception {
        api.perform(post("/api/ingest/mentions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nativeId\": \"a\", \"text\": \"" + "x".repeat(3_000) + "\"}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("2KB")));
        api.perform(post("/api/ingest/mentions").contentType(MediaType.APPLICATION_JSON).content("{\"nativeId\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("not valid JSON")));
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void whenKafkaDoesNotAcknowledgeThePushIsAnsweredWith503() throws Exception {
        sink.refuseNext(1);

        api.perform(post("/api/ingest/mentions").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"nativeId\": \"a\", \"text\": \"Nuvelia\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("send the same body again")));
    }
}
