package io.vigie.ingest.importer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigie.ingest.publish.MentionPipeline;
import io.vigie.ingest.publish.RecentIds;
import io.vigie.ingest.publish.RecordingSink;
import io.vigie.ingest.push.PushProperties;
import io.vigie.ingest.watch.ApiErrorHandler;
import io.vigie.ingest.watch.Watch;
import io.vigie.ingest.watch.WatchMatcher;
import io.vigie.ingest.watch.WatchRepository;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code POST /api/ingest/import} with a form upload ({@code curl -F file=@history.csv}), and the part reader. */
class MultipartImportTests {

    private static final String BOUNDARY = "------------------------d74496d66958873e";
    private static final String CSV = """
            nativeId,sourceName,publishedAt,text,language
            m-1,Forum Conso,2025-10-01T08:00:00Z,Nuvelia encore en panne,fr
            m-2,Forum Conso,not-a-date,Nuvelia,fr
            m-3,Forum Conso,2025-10-01T09:00:00Z,"Nuvelia, sur
            deux lignes",fr
            """;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RecordingSink sink = new RecordingSink();
    private final ImportService imports = new ImportService(new MentionPipeline(new WatchMatcher(
            new WatchRepository(List.of(new Watch("nuvelia", null, List.of("nuvelia"), List.of(), List.of())))),
            new RecentIds(1_000), sink, new SimpleMeterRegistry()), JSON,
            new ImportProperties(DataSize.ofKilobytes(64), 2, 100, 10), new PushProperties(DataSize.ofMegabytes(1),
            100_000), Clock.systemUTC());
    private final MockMvc api = MockMvcBuilders.standaloneSetup(new ImportController(imports))
            .setControllerAdvice(new ApiErrorHandler()).build();

    @Test
    void aFormUploadIsImportedWithTheSameReportAsARawBody() throws Exception {
        String body = part("comment", null, null, "backfill of october")
                + part("file", "history.csv", "application/octet-stream", CSV) + "--" + BOUNDARY + "--\r\n";

        String location = api.perform(post("/api/ingest/import")
                        .contentType("multipart/form-data; boundary=" + BOUNDARY)
                        .content(body.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.id").isNotEmpty())
                .andReturn().getResponse().getHeader("Location");

        JsonNode done = await().atMost(Duration.ofSeconds(10)).until(() -> JSON.readTree(api.perform(get(location))
                .andReturn().getResponse().getContentAsString()), report -> !report.get("status").asString()
                .equals("running"));
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("published").asInt()).isEqualTo(2);
        assertThat(done.get("rejected").asInt()).isEqualTo(1);
        assertThat(done.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(sink.sent()).extracting(mention -> mention.text())
                .containsExactly("Nuvelia encore en panne", "Nuvelia, sur deux lignes");
    }

    @Test
    void anUploadWithoutFilePartOrOfUnknownFormatIsRefusedWithWhatToSend() throws Exception {
        api.perform(post("/api/ingest/import").contentType("multipart/form-data; boundary=" + BOUNDARY)
                        .content(part("upload", "history.csv", "text/csv", CSV) + "--" + BOUNDARY + "--\r\n"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("file"))
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("-F file=@")));
        api.perform(post("/api/ingest/import").contentType("multipart/form-data; boundary=" + BOUNDARY)
                        .content(part("file", "history.xlsx", "application/octet-stream", CSV) + "--" + BOUNDARY + "--\r\n"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString(".csv or .jsonl")));
        assertThat(sink.sent()).isEmpty();
    }

    @Test
    void thePartIsReadWhateverHowTheBodyArrivesAndEndsAtItsBoundary() throws Exception {
        // Bytes that look like the boundary but are not it, and a file larger than the reader's buffer.
        String content = "a\r\n--" + BOUNDARY.substring(0, 20) + "x\r\n" + "y".repeat(200_000) + "\r\nlast line";
        String body = part("file", "big.jsonl", "application/x-ndjson", content) + "--" + BOUNDARY + "--\r\n";

        try (MultipartUpload upload = MultipartUpload.open(trickling(body), "multipart/form-data; boundary=\""
                + BOUNDARY + "\"", "file")) {
            assertThat(upload.fileName()).isEqualTo("big.jsonl");
            assertThat(upload.contentType()).isEqualTo("application/x-ndjson");
            assertThat(new String(upload.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(content);
        }
    }

    @Test
    void anInterruptedUploadFailsInsteadOfImportingHalfAFile() throws Exception {
        String cut = part("file", "history.csv", "text/csv", CSV).substring(0, 200);

        MultipartUpload upload = MultipartUpload.open(trickling(cut), "multipart/form-data; boundary=" + BOUNDARY, "file");

        assertThatThrownBy(upload::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("interrupted");
    }

    private static String part(String name, String fileName, String contentType, String content) {
        return "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "\r\n" + content + "\r\n";
    }

    /** A body arriving a few bytes at a time, so boundaries fall across reads. */
    private static InputStream trickling(String body) {
        return new FilterInputStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))) {
            private int turn;

            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                return super.read(into, offset, Math.min(length, 1 + (turn++ % 7)));
            }
        };
    }
}
